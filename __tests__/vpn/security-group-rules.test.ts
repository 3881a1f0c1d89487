import { vpnSecurityGroupRules } from "../../src/vpn/security-group-rules";

const options = { port: 1194, clientCidrs: ["0.0.0.0/0"], adminCidrs: ["198.18.10.0/24", "192.0.2.0/24"], routes: ["10.120.0.0/16", "10.130.0.0/16"] };

describe("vpnSecurityGroupRules", () => {
  describe("for one client CIDR, two admin CIDRs and two routes", () => {
    const rules = vpnSecurityGroupRules(options);

    it("keys every rule by what it admits, never by a list position", () => {
      expect(rules.map((r) => r.id)).toEqual([
        "client-udp-1194-0-0-0-0-0",
        "admin-https-198-18-10-0-24",
        "admin-https-192-0-2-0-24",
        "internet-https",
        "route-10-120-0-0-16",
        "route-10-130-0-0-16",
      ]);
    });

    it("admits the VPN port over UDP from the clients and TCP 443 from the admins", () => {
      expect(rules.filter((r) => r.direction === "ingress").map((r) => `${r.ipProtocol} ${r.fromPort}-${r.toPort} ${r.cidrIpv4}`)).toEqual([
        "udp 1194-1194 0.0.0.0/0",
        "tcp 443-443 198.18.10.0/24",
        "tcp 443-443 192.0.2.0/24",
      ]);
    });

    it("never opens port 22 or all ports to anyone", () => {
      const ingress = rules.filter((r) => r.direction === "ingress");
      expect(ingress.some((r) => r.ipProtocol === "-1" || (r.fromPort! <= 22 && 22 <= r.toPort!))).toBe(false);
    });

    it("lets out all protocols to the pushed routes only, and only TCP 443 to the internet", () => {
      const egress = rules.filter((r) => r.direction === "egress");
      expect(egress.filter((r) => r.cidrIpv4 === "0.0.0.0/0")).toEqual([expect.objectContaining({ ipProtocol: "tcp", fromPort: 443, toPort: 443 })]);
      expect(egress.filter((r) => r.ipProtocol === "-1").map((r) => r.cidrIpv4)).toEqual(["10.120.0.0/16", "10.130.0.0/16"]);
    });

    it("describes every rule", () => {
      expect(rules.find((r) => r.id === "admin-https-192-0-2-0-24")!.description).toBe("Pritunl web console (TCP 443) from administrators in 192.0.2.0/24");
      expect(rules.every((r) => r.description.length > 0 && r.description !== "Managed by Terraform")).toBe(true);
    });
  });

  describe("when an admin CIDR is removed", () => {
    it("keeps the other rules' ids", () => {
      const ids = vpnSecurityGroupRules({ ...options, adminCidrs: ["192.0.2.0/24"] }).map((r) => r.id);
      expect(ids).toContain("admin-https-192-0-2-0-24");
      expect(ids).not.toContain("admin-https-198-18-10-0-24");
    });
  });

  describe("with another port", () => {
    it("opens that port", () => {
      expect(vpnSecurityGroupRules({ ...options, port: 443 + 1 })[0]).toMatchObject({ id: "client-udp-444-0-0-0-0-0", fromPort: 444, toPort: 444 });
    });
  });
});
