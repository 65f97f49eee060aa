import { credentialsCsv } from './device-credentials';

describe('the credentials file of a device import', () => {
  it('has a BOM, a Chinese header and one device a line', () => {
    const csv = credentialsCsv([
      {
        username: 'qd-meter-9',
        password: 'Abc_def-123',
        telemetryTopic: 'park/v1/devices/qd-meter-9/telemetry',
        statusTopic: 'park/v1/devices/qd-meter-9/status',
      },
    ]);
    expect(csv.startsWith('\ufeff设备编号,MQTT用户名,MQTT密码,遥测主题,状态主题\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      'qd-meter-9,qd-meter-9,Abc_def-123,park/v1/devices/qd-meter-9/telemetry,park/v1/devices/qd-meter-9/status',
    );
  });

  it('quotes a field with a comma', () => {
    const csv = credentialsCsv([{ username: 'a', password: 'x,y', telemetryTopic: 't', statusTopic: 's' }]);
    expect(csv).toContain('a,a,"x,y",t,s');
  });
});
