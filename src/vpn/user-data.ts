/**
 * The VPN server's user data: the settings as shell variables, then the body of
 * pritunl-user-data.sh (the file beside this module, tested on its own with bash -n and
 * shellcheck). Pure: no constructs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The user-data script in the repository. */
export const USER_DATA_SCRIPT = join(__dirname, "pritunl-user-data.sh");

export interface UserDataSettings {
  /** Region of the server (the CloudWatch agent writes there). */
  readonly region: string;
  /** Name of the log group the agent writes to. */
  readonly logGroupName: string;
  /** Bucket the daily database dumps go to. */
  readonly backupBucket: string;
  /** Key prefix of the dumps, ending in `/`; the instance may write under it only. */
  readonly backupPrefix: string;
}

/** Values must be plain words: the script quotes them once, and AWS names never need more. */
const PLAIN_VALUE = /^[A-Za-z0-9._/:-]+$/;

/** The user data: shebang, the settings, then the script's body (everything after its shebang). */
export function renderUserData(settings: UserDataSettings, script: string = readFileSync(USER_DATA_SCRIPT, "utf8")): string {
  const variables: Record<string, string> = {
    VPN_REGION: settings.region,
    VPN_LOG_GROUP: settings.logGroupName,
    VPN_BACKUP_BUCKET: settings.backupBucket,
    VPN_BACKUP_PREFIX: settings.backupPrefix,
  };
  for (const [name, value] of Object.entries(variables)) {
    if (!PLAIN_VALUE.test(value)) throw new Error(`user data: ${name} "${value}" must be letters, digits and . _ / : - only`);
  }
  const [shebang, ...body] = script.split("\n");
  if (shebang !== "#!/bin/bash") throw new Error(`user data: ${USER_DATA_SCRIPT} must start with #!/bin/bash, not "${shebang}"`);
  const header = Object.entries(variables).map(([name, value]) => `readonly ${name}="${value}"`);
  return [shebang, "# Settings from src/vpn/user-data.ts.", ...header, ...body].join("\n");
}
