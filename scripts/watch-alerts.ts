/**
 * A minimal realtime client: logs in to the API and prints every alert event pushed over socket.io.
 *   npm run watch-alerts -- [--url http://127.0.0.1:3000] [--user officer] [--password park-demo-2025]
 */
import { io } from 'socket.io-client';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface AlertEventLike {
  seq: number;
  type: string;
  alert: {
    severity: string;
    enterpriseName: string;
    deviceName: string;
    value: number;
    unit: string;
    explanation: { zh: string };
    resolutionNote: string | null;
  };
}

async function main(): Promise<void> {
  const url = arg('url', process.env.API_URL ?? 'http://127.0.0.1:3000');
  const username = arg('user', 'officer');
  const password = arg('password', process.env.DEMO_PASSWORD ?? 'park-demo-2025');
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  let lastSeq = 0;
  const socket = io(url, { auth: { token: accessToken }, transports: ['websocket'] });
  // On reconnect, ask for what was missed since the last event seen.
  socket.io.on('reconnect_attempt', () => {
    socket.auth = { token: accessToken, lastSeq };
  });
  socket.on('connect', () =>
    process.stdout.write(`connected to ${url} as ${username}; waiting for alerts…\n`),
  );
  socket.on('connect_error', (error) => process.stdout.write(`connection refused: ${error.message}\n`));
  socket.on('alert', (event: AlertEventLike) => {
    if (event.seq <= lastSeq) return;
    lastSeq = event.seq;
    const a = event.alert;
    process.stdout.write(
      `#${event.seq} ${event.type.padEnd(12)} ${a.severity.padEnd(8)} ${a.enterpriseName} / ${a.deviceName}: ` +
        `${a.value} ${a.unit} — ${event.type === 'resolved' && a.resolutionNote ? a.resolutionNote : a.explanation.zh}\n`,
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
