/**
 * E-mail against a real SMTP server: the aiosmtpd that deploy/local/services.sh starts (Debian's python3-aiosmtpd,
 * 127.0.0.1:2525), which stores every message it accepts in a Maildir. The adapter sends through nodemailer; the
 * test reads the stored message back and parses it as a mail client would (postal-mime): the Chinese subject
 * (RFC 2047 encoded words), the text and HTML bodies, sender and recipient, and the server's 250 reply recorded.
 * Each run's subject carries its own id, so a message left by an earlier run is never mistaken for this one.
 */
import { randomBytes } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { SmtpEmailAdapter, alertMessage, type SmtpEmailConfig } from '@park/notifications';
import { sampleAlert, sampleEvent } from '../../libs/notifications/src/testing/sample-alert';
import { waitFor } from '../support/wait-for';

const SMTP_PORT = Number(process.env.TEST_SMTP_PORT ?? 2525);
const MAILDIR =
  process.env.TEST_SMTP_MAILDIR ??
  join(process.env.PARK_SERVICES_HOME ?? '/var/tmp/smart-park-services', 'smtp', 'maildir');

const config: SmtpEmailConfig = {
  host: '127.0.0.1',
  port: SMTP_PORT,
  secure: false,
  user: null,
  password: null,
  from: '园区安全监测 <alerts@park.example.cn>',
};

/** The stored messages whose subject is `subject`, with their files. */
async function findMail(subject: string): Promise<{ file: string; email: Email }[]> {
  const found: { file: string; email: Email }[] = [];
  for (const folder of ['new', 'cur']) {
    const names = await readdir(join(MAILDIR, folder)).catch(() => [] as string[]);
    for (const name of names) {
      const file = join(MAILDIR, folder, name);
      const email = await PostalMime.parse(await readFile(file));
      if (email.subject === subject) found.push({ file, email });
    }
  }
  return found;
}

describe('e-mail notifications through a real SMTP server', () => {
  const adapter = new SmtpEmailAdapter();
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const written: string[] = [];

  afterAll(async () => {
    await Promise.all(written.map((file) => rm(file, { force: true })));
  });

  it('delivers the alert with its Chinese subject, facts and link, and records the server reply', async () => {
    expect(adapter.validate(config)).toEqual([]);
    const event = sampleEvent(
      'opened',
      sampleAlert({ ruleName: { zh: `可燃气体浓度超限 ${runId}`, en: '' } }),
    );
    const link = `https://park.example.cn/m/alerts/a-1?t=${runId}`;
    const message = alertMessage(event, link);

    const answer = await adapter.send(
      config,
      message,
      { name: '值班员 王工', address: 'wang.gong@park.example.cn' },
      AbortSignal.timeout(10_000),
    );
    expect(answer).toMatchObject({ ok: true, status: 250 });
    expect(answer.answer).toMatch(/^250 /);

    const subject = `【二级报警】新报警：可燃气体浓度超限 ${runId}`;
    const [mail] = await waitFor('the message in the Maildir', async () => {
      const found = await findMail(subject);
      return found.length > 0 ? found : undefined;
    });
    written.push(mail.file);
    const raw = await readFile(mail.file, 'utf8');
    // On the wire the subject is RFC 2047 encoded words (UTF-8), not raw bytes.
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(mail.email.from).toEqual({ name: '园区安全监测', address: 'alerts@park.example.cn' });
    expect(mail.email.to).toEqual([{ name: '值班员 王工', address: 'wang.gong@park.example.cn' }]);
    expect(mail.email.text).toContain('企业：华源化工');
    expect(mail.email.text).toContain('可燃气体浓度：55 %LEL（限值 50 %LEL）');
    expect(mail.email.text).toContain('发生时间：2026-12-07 16:49');
    expect(mail.email.text).toContain(`查看并处理：${link}`);
    expect(mail.email.html).toContain('<th align="left">位置</th><td>储罐区 T-101 东侧</td>');
    expect(mail.email.html).toContain(`<a href="${link}">查看并处理</a>`);
  });

  it('a server that cannot be reached is a failure to deliver, thrown for the dispatcher to retry', async () => {
    await expect(
      adapter.send(
        { ...config, port: 1 },
        alertMessage(sampleEvent(), null),
        { name: '值班员', address: 'duty@park.example.cn' },
        AbortSignal.timeout(10_000),
      ),
    ).rejects.toThrow();
  });
});
