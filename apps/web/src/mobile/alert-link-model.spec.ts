import { ApiError } from '../api/http';
import { linkProblemOf, linkTokenFrom, telHref } from './alert-link-model';

describe('the alert link page model', () => {
  it('reads the token from the address', () => {
    expect(linkTokenFrom('?t=abc.def')).toBe('abc.def');
    expect(linkTokenFrom('?t=')).toBeNull();
    expect(linkTokenFrom('')).toBeNull();
  });

  it('tells an expired link from an altered, a cut and an unknown one, and a missing alert', () => {
    expect(linkProblemOf(new ApiError(410, 'ALERT_LINK_EXPIRED', 'expired'))).toBe('expired');
    expect(linkProblemOf(new ApiError(401, 'ALERT_LINK_TAMPERED', 'x'))).toBe('tampered');
    expect(linkProblemOf(new ApiError(400, 'ALERT_LINK_MALFORMED', 'x'))).toBe('malformed');
    expect(linkProblemOf(new ApiError(403, 'ALERT_LINK_RECIPIENT_INACTIVE', 'x'))).toBe('inactive');
    expect(linkProblemOf(new ApiError(404, 'ALERT_NOT_FOUND', 'x'))).toBe('not-found');
    expect(linkProblemOf(new ApiError(0, 'NETWORK', 'x'))).toBe('network');
    expect(linkProblemOf(new ApiError(500, 'INTERNAL', 'x'))).toBe('other');
    expect(linkProblemOf(new Error('x'))).toBe('other');
  });

  it('makes a tap-to-call address of a recorded phone number only', () => {
    expect(telHref('0513-8321 5566')).toBe('tel:051383215566');
    expect(telHref('+86 138 0000 1234')).toBe('tel:+8613800001234');
    expect(telHref('（0513）83215566')).toBe('tel:051383215566');
    expect(telHref('见前台')).toBeNull();
    expect(telHref(null)).toBeNull();
  });
});
