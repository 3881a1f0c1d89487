import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderUserData, USER_DATA_SCRIPT } from "../../src/vpn/user-data";

const settings = {
  region: "us-east-1",
  logGroupName: "/acme-management/vpn",
  backupBucket: "acme-management-vpn-backups-111111111111",
  backupPrefix: "pritunl/",
};
const script = readFileSync(USER_DATA_SCRIPT, "utf8");
const rendered = renderUserData(settings);

/** shellcheck is a Debian package (.ci/run installs it); CI must run these checks, a laptop may lack it. */
const hasShellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
const itWithShellcheck = hasShellcheck || process.env.CI === "true" ? it : it.skip;

/** Runs `command args... file` on `text` written to a temporary file; returns status and output. */
function check(command: string, args: string[], text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "vpn-user-data-"));
  try {
    const file = join(dir, "user-data.sh");
    writeFileSync(file, text);
    const result = spawnSync(command, [...args, file], { encoding: "utf8" });
    if (result.error) return { status: null, output: `${command} could not run: ${result.error.message}` };
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the user-data script", () => {
  describe("as it is in the repository", () => {
    it("parses under bash -n", () => {
      expect(check("bash", ["-n"], script)).toEqual({ status: 0, output: "" });
    });

    itWithShellcheck("is shellcheck-clean (CI fails here when shellcheck is missing)", () => {
      expect(check("shellcheck", [], script)).toEqual({ status: 0, output: "" });
    });

    it("pins Pritunl and MongoDB and installs them from their official repositories only", () => {
      expect(script).toMatch(/^readonly PRITUNL_VERSION="1\.34\.4681\.89"$/m);
      expect(script).toMatch(/^readonly MONGODB_VERSION="8\.0\.17"$/m);
      expect(script).toContain("baseurl=https://repo.pritunl.com/stable/yum/amazonlinux/2023/");
      expect(script).toContain("baseurl=https://repo.mongodb.org/yum/amazon/2023/mongodb-org/${MONGODB_SERIES}/x86_64/");
      expect(script.match(/^gpgcheck=1$/gm)).toHaveLength(2);
      expect(script).toContain('"pritunl-$PRITUNL_VERSION"');
      expect(script).toContain('"mongodb-org-server-$MONGODB_VERSION"');
    });

    it("installs only what is missing, so a second run changes nothing", () => {
      expect(script).toContain('if ! installed mongodb-org-server "$MONGODB_VERSION"; then');
      expect(script).toContain('if ! installed pritunl "$PRITUNL_VERSION"; then');
      expect(script).toMatch(/if ! grep -q .*\/etc\/dnf\/dnf\.conf; then/);
    });

    it("ships its own, Pritunl's, MongoDB's and the backups' logs to the log group", () => {
      for (const log of ["$BOOTSTRAP_LOG", "/var/log/pritunl.log", "/var/log/mongodb/mongod.log", "$BACKUP_LOG"]) {
        expect(script).toContain(`{ "file_path": "${log}", "log_group_name": "$VPN_LOG_GROUP"`);
      }
    });

    it("dumps the database daily to the backup prefix with a systemd timer", () => {
      expect(script).toContain("OnCalendar=daily");
      expect(script).toContain("systemctl enable --now pritunl-backup.timer");
      expect(script).toContain('aws s3 cp --only-show-errors "$archive" "s3://$VPN_BACKUP_BUCKET/$VPN_BACKUP_PREFIX$stamp.archive.gz"');
    });

    it("never prints the administrator password", () => {
      expect(script).not.toMatch(/^\s*(sudo )?pritunl default-password/m);
    });
  });

  describe("as rendered with the settings", () => {
    it("starts with the shebang, then the settings, then the script's body", () => {
      const lines = rendered.split("\n");
      expect(lines.slice(0, 6)).toEqual([
        "#!/bin/bash",
        "# Settings from src/vpn/user-data.ts.",
        'readonly VPN_REGION="us-east-1"',
        'readonly VPN_LOG_GROUP="/acme-management/vpn"',
        'readonly VPN_BACKUP_BUCKET="acme-management-vpn-backups-111111111111"',
        'readonly VPN_BACKUP_PREFIX="pritunl/"',
      ]);
      expect(rendered.endsWith(script.split("\n").slice(1).join("\n"))).toBe(true);
    });

    it("parses under bash -n", () => {
      expect(check("bash", ["-n"], rendered)).toEqual({ status: 0, output: "" });
    });

    itWithShellcheck("is shellcheck-clean", () => {
      expect(check("shellcheck", [], rendered)).toEqual({ status: 0, output: "" });
    });

    it("fits EC2's 16 KB limit on user data", () => {
      expect(Buffer.byteLength(rendered)).toBeLessThan(16 * 1024);
    });
  });

  describe("with a setting that needs quoting", () => {
    it("refuses it instead of writing a script that could run it", () => {
      expect(() => renderUserData({ ...settings, backupBucket: 'x"; rm -rf /; "' })).toThrow(
        'user data: VPN_BACKUP_BUCKET "x"; rm -rf /; "" must be letters, digits and . _ / : - only',
      );
    });
  });

  describe("with a script that is not bash", () => {
    it("refuses it", () => {
      expect(() => renderUserData(settings, "#!/bin/sh\necho hi\n")).toThrow(/must start with #!\/bin\/bash, not "#!\/bin\/sh"/);
    });
  });
});
