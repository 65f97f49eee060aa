/**
 * Every HTTP notification adapter sends a real alert message to a local stand-in of its provider, which checks the
 * request as the provider does (test/support/notification-standins.ts): the signature recomputed from the secret,
 * the timestamp's age, the robot's key or token, the JSON shape. A tampered secret and an old timestamp are refused
 * with the provider's code and recorded as a refusal, not thrown; a provider that fails answers ok: false with its
 * status; one that hangs is cut off by the dispatcher's AbortSignal; one that cannot be reached throws.
 *
 * These are stand-ins, not the providers: 企业微信, 钉钉, 飞书, Aliyun and Tencent Cloud cannot be reached from here
 * (docs/notifications.md). The signing itself is checked against the providers' published examples in the unit specs.
 */
import { ManualClock } from '@park/clock';
import {
  AliyunSmsAdapter,
  DingtalkRobotAdapter,
  FeishuBotAdapter,
  TencentSmsAdapter,
  WecomRobotAdapter,
  alertMessage,
  type ChannelAdapter,
  type NotificationMessage,
  type ProviderAnswer,
  type Recipient,
} from '@park/notifications';
import { sampleEvent } from '../../libs/notifications/src/testing/sample-alert';
import {
  ProviderStandin,
  startAliyunSmsStandin,
  startDingtalkStandin,
  startFeishuStandin,
  startTencentSmsStandin,
  startWecomStandin,
} from '../support/notification-standins';

const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const DINGTALK_TOKEN = 'e8d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1';
const DINGTALK_SECRET = `SEC${'5a3ecf88f2b3eb50'.repeat(4)}`;
const FEISHU_HOOK = '6d8c1f3a-2b4e-4c5d-9e8f-7a6b5c4d3e2f';
const FEISHU_SECRET = 'qYbQm8nT2kLx9vRz';
const ALIYUN = { accessKeyId: 'LTAI5tStandinKeyId', accessKeySecret: 'aliyun-standin-secret' };
const TENCENT = {
  secretId: 'AKIDstandinSecretId',
  secretKey: 'tencent-standin-secret',
  sdkAppId: '1400006666',
};

const LINK = 'https://park.example.cn/m/alerts/a-1?t=signed';
const message: NotificationMessage = alertMessage(sampleEvent(), LINK);
const person: Recipient = { name: '值班员 王工', address: '13800138000' };

const signal = () => AbortSignal.timeout(5_000);

describe('notification adapters against local provider stand-ins', () => {
  let wecom: ProviderStandin;
  let dingtalk: ProviderStandin;
  let feishu: ProviderStandin;
  let aliyun: ProviderStandin;
  let tencent: ProviderStandin;

  beforeAll(async () => {
    [wecom, dingtalk, feishu, aliyun, tencent] = await Promise.all([
      startWecomStandin(WECOM_KEY),
      startDingtalkStandin(DINGTALK_TOKEN, DINGTALK_SECRET),
      startFeishuStandin(FEISHU_HOOK, FEISHU_SECRET),
      startAliyunSmsStandin(ALIYUN.accessKeyId, ALIYUN.accessKeySecret),
      startTencentSmsStandin(TENCENT.secretId, TENCENT.secretKey, TENCENT.sdkAppId),
    ]);
  });

  afterAll(async () => {
    await Promise.all([wecom, dingtalk, feishu, aliyun, tencent].map((s) => s?.close()));
  });

  afterEach(() => {
    for (const standin of [wecom, dingtalk, feishu, aliyun, tencent]) {
      standin.answerNormally();
      standin.received.length = 0;
    }
  });

  const wecomConfig = () => ({ webhookUrl: `${wecom.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}` });
  const dingtalkConfig = (secret = DINGTALK_SECRET) => ({
    webhookUrl: `${dingtalk.origin}/robot/send?access_token=${DINGTALK_TOKEN}`,
    secret,
  });
  const feishuConfig = (secret = FEISHU_SECRET) => ({
    webhookUrl: `${feishu.origin}/open-apis/bot/v2/hook/${FEISHU_HOOK}`,
    secret,
  });
  const aliyunConfig = (accessKeySecret = ALIYUN.accessKeySecret) => ({
    ...ALIYUN,
    accessKeySecret,
    signName: '智慧园区',
    templateCode: 'SMS_154950909',
    endpoint: aliyun.origin,
  });
  const tencentConfig = (secretKey = TENCENT.secretKey) => ({
    ...TENCENT,
    secretKey,
    signName: '智慧园区',
    templateId: '1110',
    region: 'ap-guangzhou',
    endpoint: tencent.origin,
  });

  /** Every configuration above is one an admin could save: the adapters' own validation accepts it. */
  function send<C>(adapter: ChannelAdapter<C>, config: C, recipient: Recipient | null = null) {
    expect(adapter.validate(config)).toEqual([]);
    return adapter.send(config, message, recipient, signal());
  }

  describe('a message reaches each provider and its signature is accepted', () => {
    it('企业微信: markdown with the facts and the link, under the robot key', async () => {
      const answer = await send(new WecomRobotAdapter(), wecomConfig());
      expect(answer).toEqual({ ok: true, status: 200, answer: '{"errcode":0,"errmsg":"ok"}' });
      const [request] = wecom.accepted();
      const content = (JSON.parse(request.body) as { markdown: { content: string } }).markdown.content;
      expect(content).toContain('### 【二级报警】新报警：可燃气体浓度超限');
      expect(content).toContain('> 企业：华源化工');
      expect(content).toContain('> 可燃气体浓度：55 %LEL（限值 50 %LEL）');
      expect(content).toContain(`[查看并处理](${LINK})`);
    });

    it('钉钉: the 加签 signature and timestamp are recomputed and accepted', async () => {
      const answer = await send(new DingtalkRobotAdapter(), dingtalkConfig());
      expect(answer.ok).toBe(true);
      expect(answer.answer).toBe('{"errcode":0,"errmsg":"ok"}');
      const [request] = dingtalk.accepted();
      expect(request.url.searchParams.get('sign')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      const body = JSON.parse(request.body) as { markdown: { title: string; text: string } };
      expect(body.markdown.title).toBe('【二级报警】新报警：可燃气体浓度超限');
      expect(body.markdown.text).toContain('> 位置：储罐区 T-101 东侧');
    });

    it('飞书: the signature in the body is recomputed and accepted', async () => {
      const answer = await send(new FeishuBotAdapter(), feishuConfig());
      expect(answer).toMatchObject({ ok: true, status: 200 });
      const [request] = feishu.accepted();
      const body = JSON.parse(request.body) as { content: { post: { zh_cn: { content: unknown[][] } } } };
      expect(body.content.post.zh_cn.content).toContainEqual([{ tag: 'a', text: '查看并处理', href: LINK }]);
    });

    it('Aliyun SMS: the RPC signature is recomputed and accepted; the template parameters are the facts', async () => {
      const answer = await send(new AliyunSmsAdapter(), aliyunConfig(), person);
      expect(answer.ok).toBe(true);
      expect(JSON.parse(answer.answer) as unknown).toMatchObject({ Code: 'OK', Message: 'OK' });
      const [request] = aliyun.accepted();
      expect(request.url.searchParams.get('PhoneNumbers')).toBe('13800138000');
      expect(JSON.parse(request.url.searchParams.get('TemplateParam') ?? '') as unknown).toMatchObject({
        level: '二级报警',
        enterprise: '华源化工',
        value: '55 %LEL（限值 50 %LEL）',
      });
    });

    it('Tencent Cloud SMS: the TC3 signature is recomputed and accepted; every number answered Ok', async () => {
      const answer = await send(new TencentSmsAdapter(), tencentConfig(), person);
      expect(answer.ok).toBe(true);
      const [request] = tencent.accepted();
      const body = JSON.parse(request.body) as { PhoneNumberSet: string[]; TemplateParamSet: string[] };
      expect(body.PhoneNumberSet).toEqual(['+8613800138000']);
      expect(body.TemplateParamSet[0]).toBe('二级报警');
    });
  });

  describe('a tampered secret is refused with the provider code, recorded as a refusal', () => {
    const tampered: [string, () => Promise<ProviderAnswer>, RegExp][] = [
      [
        '钉钉',
        () => send(new DingtalkRobotAdapter(), dingtalkConfig(`${DINGTALK_SECRET.slice(0, -1)}1`)),
        /"errcode":310000.*sign not match/,
      ],
      ['飞书', () => send(new FeishuBotAdapter(), feishuConfig('tampered')), /"code":19021/],
      [
        'Aliyun',
        () => send(new AliyunSmsAdapter(), aliyunConfig('tampered'), person),
        /"Code":"SignatureDoesNotMatch"/,
      ],
      [
        'Tencent',
        () => send(new TencentSmsAdapter(), tencentConfig('tampered'), person),
        /AuthFailure\.SignatureFailure/,
      ],
    ];

    it.each(tampered)('%s', async (_name, attempt, code) => {
      const answer = await attempt();
      expect(answer.ok).toBe(false);
      expect(answer.answer).toMatch(code);
    });

    it('企业微信: a wrong robot key', async () => {
      const answer = await send(new WecomRobotAdapter(), {
        webhookUrl: `${wecom.origin}/cgi-bin/webhook/send?key=wrong`,
      });
      expect(answer.ok).toBe(false);
      expect(answer.answer).toMatch(/"errcode":93000/);
    });
  });

  describe('a signature made with a clock that is off is refused as the provider refuses it', () => {
    const twoHoursAgo = () => new ManualClock(Date.now() - 2 * 3_600_000);

    it('钉钉 and 飞书 refuse a timestamp more than an hour old', async () => {
      const ding = await send(new DingtalkRobotAdapter(twoHoursAgo()), dingtalkConfig());
      expect(ding.answer).toBe('{"errcode":310000,"errmsg":"invalid timestamp"}');
      const fei = await send(new FeishuBotAdapter(twoHoursAgo()), feishuConfig());
      expect(fei.ok).toBe(false);
      expect(fei.answer).toMatch(/"code":19021/);
    });

    it('Aliyun refuses a Timestamp 20 minutes off, Tencent one 10 minutes off', async () => {
      const ali = await send(
        new AliyunSmsAdapter(new ManualClock(Date.now() - 20 * 60_000)),
        aliyunConfig(),
        person,
      );
      expect(ali).toMatchObject({ ok: false, status: 400 });
      expect(ali.answer).toMatch(/InvalidTimeStamp\.Expired/);
      const ten = await send(
        new TencentSmsAdapter(new ManualClock(Date.now() - 10 * 60_000)),
        tencentConfig(),
        person,
      );
      expect(ten.ok).toBe(false);
      expect(ten.answer).toMatch(/AuthFailure\.SignatureExpire/);
    });
  });

  describe('a provider that fails, hangs or cannot be reached', () => {
    it('HTTP 500 is an answer: ok false with the status, for the dispatcher to retry', async () => {
      dingtalk.failWith500();
      const answer = await send(new DingtalkRobotAdapter(), dingtalkConfig());
      expect(answer).toEqual({ ok: false, status: 500, answer: 'Internal Server Error' });
    });

    it("a hanging provider is cut off by the dispatcher's signal", async () => {
      tencent.hang();
      const adapter = new TencentSmsAdapter();
      const started = Date.now();
      await expect(
        adapter.send(tencentConfig(), message, person, AbortSignal.timeout(300)),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(tencent.received).toHaveLength(1);
    });

    it('a refused connection throws (nothing answered)', async () => {
      const gone = await startWecomStandin(WECOM_KEY);
      const url = `${gone.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}`;
      await gone.close();
      await expect(
        new WecomRobotAdapter().send({ webhookUrl: url }, message, null, signal()),
      ).rejects.toThrow();
    });
  });
});
