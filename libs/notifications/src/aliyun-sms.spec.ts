import {
  AliyunSmsAdapter,
  aliyunRpcSignature,
  aliyunSendSmsUrl,
  aliyunTimestamp,
  canonicalizedQuery,
  percentEncode,
} from './aliyun-sms';
import { alertMessage } from './alert-message';
import { sampleEvent } from './testing/sample-alert';
import { smsTemplateParams } from './sms-template';

/** The worked example of Aliyun SMS's signature documentation (HTTP 协议及签名, 签名示例). */
const DOCUMENTED = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('Aliyun RPC signature v1', () => {
  it('builds the documented canonicalized query string', () => {
    expect(canonicalizedQuery(DOCUMENTED)).toBe(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
        '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0' +
        '&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D' +
        '&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    );
  });

  it('signs the documented example to the documented signature, zJDF+Lrzhj/ThnlvIToysFRq6t4=', () => {
    expect(aliyunRpcSignature('GET', DOCUMENTED, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(percentEncode(aliyunRpcSignature('GET', DOCUMENTED, 'testSecret'))).toBe(
      'zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D',
    );
  });

  it('percent-encodes as the rules say: space %20, * %2A, ~ kept', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
  });

  it('writes the Timestamp in UTC without milliseconds', () => {
    expect(aliyunTimestamp(Date.UTC(2017, 6, 12, 2, 42, 19, 731))).toBe('2017-07-12T02:42:19Z');
  });
});

describe('AliyunSmsAdapter', () => {
  const config = {
    accessKeyId: 'LTAI5tExample',
    accessKeySecret: 'secret',
    signName: '智慧园区',
    templateCode: 'SMS_154950909',
  };

  it('accepts a complete configuration and words what is missing', () => {
    const adapter = new AliyunSmsAdapter();
    expect(adapter.validate(config)).toEqual([]);
    expect(adapter.validate({ ...config, templateCode: '154950909', signName: '' })).toEqual([
      '请填写短信签名',
      '模板 CODE 格式不对：应为控制台“模板管理”中以 SMS_ 开头的模板 CODE',
    ]);
  });

  it('signs a SendSms request whose signature verifies against the canonical query it carries', () => {
    const message = alertMessage(sampleEvent(), null);
    const templateParam = JSON.stringify(smsTemplateParams(message));
    const url = new URL(
      aliyunSendSmsUrl(
        { ...config, endpoint: 'https://dysmsapi.aliyuncs.com' },
        '13800138000',
        templateParam,
        Date.UTC(2026, 11, 7, 8, 49, 0),
        'nonce-1',
      ),
    );
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      PhoneNumbers: '13800138000',
      SignName: '智慧园区',
      TemplateCode: 'SMS_154950909',
      Timestamp: '2026-12-07T08:49:00Z',
      SignatureNonce: 'nonce-1',
    });
    expect(JSON.parse(params.TemplateParam) as unknown).toEqual({
      level: '二级报警',
      event: '新报警',
      rule: '可燃气体浓度超限',
      enterprise: '华源化工',
      where: '储罐区 T-101 东侧',
      value: '55 %LEL（限值 50 %LEL）',
      time: '2026-12-07 16:49',
    });
    const { Signature, ...signed } = params;
    expect(Signature).toBe(aliyunRpcSignature('GET', signed, 'secret'));
  });
});
