import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { renderHelmValues } from "../../platform/helm-values";
import { deriveNodeAutoscaling, type NodePool } from "./model";
import { NODE_POOLS_CHART_DIR } from "./karpenter";
import { nodePoolManifests, nodePoolsChartValues, nodePoolSpec, type NodePoolsChartOptions } from "./node-pools";

const [defaultPool] = deriveNodeAutoscaling({ autoscaling: "karpenter" }, false).nodePools;
const options: NodePoolsChartOptions = {
  clusterName: "acme-development",
  nodeRoleName: "acme-development-karpenter-node",
  amiAlias: "al2023@latest",
  diskSizeGiB: 50,
  tags: { environment: "development" },
  nodePools: [defaultPool],
};

describe("nodePoolsChartValues", () => {
  const values = nodePoolsChartValues(options);
  const [nodeClass] = values.nodeClasses;

  it("renders one EC2NodeClass, default, with the node role and the pinned alias", () => {
    expect(nodeClass.name).toBe("default");
    expect(nodeClass.spec.role).toBe("acme-development-karpenter-node");
    expect(nodeClass.spec.amiSelectorTerms).toEqual([{ alias: "al2023@latest" }]);
  });

  it("hardens the nodes as the managed ones: IMDSv2 with one hop, an encrypted gp3 root volume", () => {
    expect(nodeClass.spec.metadataOptions).toEqual({ httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" });
    expect(nodeClass.spec.blockDeviceMappings).toEqual([
      { deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true } },
    ]);
  });

  it("selects the private subnets and the cluster security group by the cluster's discovery tag", () => {
    const tags = { "karpenter.sh/discovery": "acme-development" };
    expect(nodeClass.spec.subnetSelectorTerms).toEqual([{ tags }]);
    expect(nodeClass.spec.securityGroupSelectorTerms).toEqual([{ tags }]);
  });

  it("tags what Karpenter launches with the environment's tags and a Name", () => {
    expect(nodeClass.spec.tags).toEqual({ environment: "development", Name: "acme-development-karpenter" });
  });

  it("renders no YAML anchors, so the manifests read as written", () => {
    expect(renderHelmValues(values)).not.toMatch(/[&*]a\d/);
  });

  it("refuses an empty pool list and an alias of another AMI family", () => {
    expect(() => nodePoolsChartValues({ ...options, nodePools: [] })).toThrow(/nodePools is empty; Karpenter launches nothing without a NodePool/);
    expect(() => nodePoolsChartValues({ ...options, amiAlias: "bottlerocket@latest" })).toThrow(/amiAlias bottlerocket@latest: only Amazon Linux 2023 aliases/);
  });
});

describe("nodePoolSpec", () => {
  describe("of the default pool outside production", () => {
    const spec = nodePoolSpec(defaultPool);

    it("allows spot and on-demand c, m and r instances of generation 3 or newer, amd64 Linux", () => {
      expect(spec.template.spec.requirements).toEqual([
        { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
        { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
        { key: "karpenter.sh/capacity-type", operator: "In", values: ["spot", "on-demand"] },
        { key: "karpenter.k8s.aws/instance-category", operator: "In", values: ["c", "m", "r"] },
        { key: "karpenter.k8s.aws/instance-generation", operator: "Gt", values: ["2"] },
      ]);
    });

    it("uses the default node class, consolidates underused nodes after a minute, at most 10% at once, and renews nodes after 30 days", () => {
      expect(spec.template.spec.nodeClassRef).toEqual({ group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" });
      expect(spec.disruption).toEqual({ consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m", budgets: [{ nodes: "10%" }] });
      expect(spec.template.spec.expireAfter).toBe("720h");
    });

    it("caps the pool at 32 vCPU and 128 GiB", () => {
      expect(spec.limits).toEqual({ cpu: "32", memory: "128Gi" });
    });
  });

  describe("of a pool with explicit types, labels, taints and a weight", () => {
    const pool: NodePool = {
      ...defaultPool,
      name: "gpu",
      capacityTypes: ["on-demand"],
      instanceCategories: undefined,
      minInstanceGenerationExclusive: undefined,
      instanceTypes: ["g5.xlarge"],
      labels: { workload: "gpu" },
      taints: [{ key: "nvidia.com/gpu", effect: "NoSchedule" }],
      weight: 10,
    };
    const spec = nodePoolSpec(pool);

    it("requires exactly those types and no category or generation", () => {
      expect(spec.template.spec.requirements.map((r) => r.key)).toEqual(["kubernetes.io/arch", "kubernetes.io/os", "karpenter.sh/capacity-type", "node.kubernetes.io/instance-type"]);
      expect(spec.template.spec.requirements[3].values).toEqual(["g5.xlarge"]);
    });

    it("puts the labels and taints on the nodes and keeps the weight", () => {
      expect(spec.template.metadata).toEqual({ labels: { workload: "gpu" } });
      expect(spec.template.spec.taints).toEqual([{ key: "nvidia.com/gpu", effect: "NoSchedule" }]);
      expect(spec.weight).toBe(10);
    });
  });
});

describe("the karpenter-node-pools chart", () => {
  const template = (file: string) => readFileSync(join(NODE_POOLS_CHART_DIR, "templates", file), "utf8");
  /** The one template shape: each entry of `.Values.<list>` becomes apiVersion/kind, its name and its spec. */
  const trivialTemplate = (list: string, apiVersion: string, kind: string) =>
    `{{- range .Values.${list} }}\n---\napiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: {{ .name }}\nspec:\n  {{- toYaml .spec | nindent 2 }}\n{{- end }}\n`;

  it("has exactly the two templates, each the trivial mapping nodePoolManifests mirrors", () => {
    expect(template("ec2nodeclasses.yaml")).toBe(trivialTemplate("nodeClasses", "karpenter.k8s.aws/v1", "EC2NodeClass"));
    expect(template("nodepools.yaml")).toBe(trivialTemplate("nodePools", "karpenter.sh/v1", "NodePool"));
  });

  it("declares a v2 chart whose defaults render nothing", () => {
    expect(parse(readFileSync(join(NODE_POOLS_CHART_DIR, "Chart.yaml"), "utf8"))).toMatchObject({ apiVersion: "v2", name: "karpenter-node-pools" });
    expect(parse(readFileSync(join(NODE_POOLS_CHART_DIR, "values.yaml"), "utf8"))).toEqual({ nodeClasses: [], nodePools: [] });
  });

  it("renders the node class and every pool as Karpenter v1 objects", () => {
    const manifests = nodePoolManifests(nodePoolsChartValues({ ...options, nodePools: [defaultPool, { ...defaultPool, name: "batch" }] }));
    expect(manifests.map((m) => `${m.apiVersion} ${m.kind} ${m.metadata.name}`)).toEqual([
      "karpenter.k8s.aws/v1 EC2NodeClass default",
      "karpenter.sh/v1 NodePool default",
      "karpenter.sh/v1 NodePool batch",
    ]);
  });
});
