import { alertMessage } from './alert-message';
import { SMS_PARAM_MAX_CHARS, e164Mobile, smsTemplateParams, smsVariable } from './sms-template';
import { sampleAlert, sampleEvent } from './testing/sample-alert';

describe('SMS template parameters', () => {
  it('cuts a long name to the variable bound and marks the cut', () => {
    const long = sampleAlert({
      enterpriseName: '江苏省某某经济技术开发区精细化工产业园区华源化工股份有限公司',
    });
    const params = smsTemplateParams(alertMessage(sampleEvent('opened', long), null));
    expect([...params.enterprise]).toHaveLength(SMS_PARAM_MAX_CHARS);
    expect(params.enterprise.endsWith('…')).toBe(true);
  });

  it('turns square brackets into round ones: 【】 in a variable reads as a signature', () => {
    expect(smsVariable('【二号】罐区 [东]')).toBe('（二号）罐区 （东）');
  });

  it('says where by location, else by device name', () => {
    const noLocation = sampleAlert({ location: null });
    expect(smsTemplateParams(alertMessage(sampleEvent('opened', noLocation), null)).where).toBe(
      '罐区 1 号可燃气体探测器',
    );
  });
});

describe('e164Mobile', () => {
  it('reads mainland 11-digit, E.164 and 00-prefixed numbers; refuses the rest', () => {
    expect(e164Mobile('138 0013 8000')).toBe('+8613800138000');
    expect(e164Mobile('+85291234567')).toBe('+85291234567');
    expect(e164Mobile('0085291234567')).toBe('+85291234567');
    expect(e164Mobile('010-12345678')).toBeNull();
    expect(e164Mobile('alice@example.cn')).toBeNull();
  });
});
