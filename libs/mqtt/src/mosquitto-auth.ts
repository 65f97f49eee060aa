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
  /** The devices' listener: one line per enabled device with a credential. */
  readonly passwordFile: string;
  readonly aclFile: string;
  /** The services' listener (deploy/local/mosquitto/park-mosquitto.conf.in): the service accounts only. */
  readonly servicePasswordFile: string;
  readonly serviceAclFile: string;
  readonly deviceCount: number;
  /** Devices left out because their id is, or begins with, a service account's name (see below). */
  readonly refused: readonly string[];
}

/**
 * Renders Mosquitto's password and ACL files from the records, one pair per listener. Devices: every enabled
 * device with a credential may connect as itself and publish only under its own id (`pattern write …/%u/…`);
 * disabled devices and devices without a credential get no password line and so cannot connect at all, and
 * rewriting the file then reloading disconnects them if they are connected. Services: read-only access, on
 * their own listener, so no device credential works there and no service credential on the devices' listener.
 *
 * On the devices' listener a device's client id is its username (`use_username_as_clientid`), and client ids are
 * one namespace across listeners: a device whose id begins with a service account's name could take over that
 * service's sessions (ingestion connects as `park-ingestion-a-1`, -2 …), so such a device is left out and listed
 * in `refused`.
 */
export function renderMosquittoAuth(
  devices: readonly BrokerDeviceAccount[],
  services: readonly BrokerServiceAccount[],
): MosquittoAuthFiles {
  const serviceLines: string[] = [];
  for (const service of services) {
    assertSafeName(service.username);
    serviceLines.push(`${service.username}:${service.credentialHash}`);
  }
  const lines: string[] = [];
  const refused: string[] = [];
  let deviceCount = 0;
  for (const device of devices) {
    if (!device.enabled || !device.credentialHash) continue;
    assertSafeName(device.id);
    if (services.some((s) => device.id.startsWith(s.username))) {
      refused.push(device.id);
      continue;
    }
    lines.push(`${device.id}:${device.credentialHash}`);
    deviceCount++;
  }
  const acl = [
    '# Generated from the records — do not edit; rerun `node dist/scripts/cli.js mosquitto-auth DIR`.',
    '# A device publishes only under its own id (MQTT username = device id = client id).',
    `pattern write ${MQTT_TOPIC_PREFIX}/%u/telemetry`,
    `pattern write ${MQTT_TOPIC_PREFIX}/%u/status`,
    '',
  ];
  const serviceAcl = [
    '# Generated from the records — do not edit; rerun `node dist/scripts/cli.js mosquitto-auth DIR`.',
    '# Platform services read device messages; they publish nothing.',
    ...services.flatMap((s) => [`user ${s.username}`, ...s.read.map((t) => `topic read ${t}`), '']),
  ];
  return {
    passwordFile: lines.length > 0 ? `${lines.join('\n')}\n` : '',
    aclFile: `${acl.join('\n')}\n`,
    servicePasswordFile: `${serviceLines.join('\n')}\n`,
    serviceAclFile: `${serviceAcl.join('\n')}\n`,
    deviceCount,
    refused,
  };
}

function assertSafeName(name: string): void {
  // A colon or newline would corrupt the password file; the device id pattern excludes both.
  // The pattern also excludes ACL wildcards (+, #) and Mosquitto's %u/%c substitutions.
  if (!DEVICE_ID_PATTERN.test(name))
    throw new Error(`"${name}" is not a valid MQTT username for the broker files`);
}
