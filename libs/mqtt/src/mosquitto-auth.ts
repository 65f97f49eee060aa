import { DEVICE_ID_PATTERN, MQTT_TOPIC_PREFIX } from '@park/contracts';

export interface BrokerDeviceAccount {
  readonly id: string;
  readonly credentialHash: string | null;
  readonly enabled: boolean;
}

export interface BrokerServiceAccount {
  readonly username: string;
  /** Mosquitto `$7$` hash (see @park/auth hashDeviceSecret). */
  readonly credentialHash: string;
  /** Topic filters the service may subscribe to. */
  readonly read: readonly string[];
}

export interface MosquittoAuthFiles {
  readonly passwordFile: string;
  readonly aclFile: string;
  readonly deviceCount: number;
}

/**
 * Renders Mosquitto's `password_file` and `acl_file` from the records: every enabled device with a credential
 * may connect as itself and publish only under its own id (`pattern write …/%u/…`); disabled devices and devices
 * without a credential get no password line and so cannot connect at all. Services get read-only access.
 */
export function renderMosquittoAuth(
  devices: readonly BrokerDeviceAccount[],
  services: readonly BrokerServiceAccount[],
): MosquittoAuthFiles {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const service of services) {
    assertSafeName(service.username);
    seen.add(service.username);
    lines.push(`${service.username}:${service.credentialHash}`);
  }
  let deviceCount = 0;
  for (const device of devices) {
    if (!device.enabled || !device.credentialHash) continue;
    assertSafeName(device.id);
    if (seen.has(device.id)) throw new Error(`device id ${device.id} collides with a service account`);
    seen.add(device.id);
    lines.push(`${device.id}:${device.credentialHash}`);
    deviceCount++;
  }
  const acl = [
    '# Generated from the records — do not edit; rerun `npm run mosquitto:auth`.',
    '# A device publishes only under its own id (MQTT username = device id).',
    `pattern write ${MQTT_TOPIC_PREFIX}/%u/telemetry`,
    `pattern write ${MQTT_TOPIC_PREFIX}/%u/status`,
    '',
    ...services.flatMap((s) => [`user ${s.username}`, ...s.read.map((t) => `topic read ${t}`), '']),
  ];
  return { passwordFile: `${lines.join('\n')}\n`, aclFile: `${acl.join('\n')}\n`, deviceCount };
}

function assertSafeName(name: string): void {
  // A colon or newline would corrupt the password file; the device id pattern excludes both.
  // The pattern also excludes ACL wildcards (+, #) and Mosquitto's %u/%c substitutions.
  if (!DEVICE_ID_PATTERN.test(name))
    throw new Error(`"${name}" is not a valid MQTT username for the broker files`);
}
