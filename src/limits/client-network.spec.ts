import { clientNetwork } from './client-network';

describe(clientNetwork.name, () => {
  it('keeps IPv4 addresses, also when mapped into IPv6', () => {
    expect(clientNetwork('192.0.2.77')).toBe('192.0.2.77');
    expect(clientNetwork('::ffff:192.0.2.77')).toBe('192.0.2.77');
  });

  it('counts IPv6 by its /64, however the address is written', () => {
    const net = '2001:db8:1234:5678::/64';
    expect(clientNetwork('2001:db8:1234:5678::1')).toBe(net);
    expect(clientNetwork('2001:0db8:1234:5678:abcd:ef01:2345:6789')).toBe(net);
    expect(clientNetwork('2001:DB8:1234:5678:0:0:0:5')).toBe(net);
    expect(clientNetwork('2001:db8:1234:5679::1')).toBe('2001:db8:1234:5679::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('leaves anything else as it is', () => {
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
