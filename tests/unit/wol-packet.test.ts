import { describe, expect, it } from 'vitest';
import { parseMac } from '@shared/model/mac.js';
import { magicPacket } from '@core/modules/wol/packet.js';
import { broadcastAddress, localBroadcastTargets, onLocalSubnet } from '@core/modules/wol/broadcast.js';

const BYTES = [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e];

describe('MAC notations', () => {
  it.each([
    ['00:1A:2B:3C:4D:5E'],
    ['00:1a:2b:3c:4d:5e'],
    ['00-1A-2B-3C-4D-5E'],
    ['00 1a 2b 3c 4d 5e'],
    ['001a.2b3c.4d5e'],
    ['001A2B-3C4D5E'],
    ['001A2B3C4D5E'],
    ['  001a2b3c4d5e  '],
    ['0:1a:2b:3c:4d:5e'],
  ])('%s → the same six bytes', (s) => {
    const r = parseMac(s);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.bytes]).toEqual(BYTES);
    expect(r.canonical).toBe('00:1A:2B:3C:4D:5E');
  });

  it.each([
    ['', /empty/],
    ['00:1A:2B:3C:4D', /not a MAC/],
    ['00:1A:2B:3C:4D:5E:6F', /not a MAC/],
    ['00:1A-2B:3C:4D:5E', /not a MAC/],
    ['0G:1A:2B:3C:4D:5E', /not a MAC/],
    ['0-1a-2b-3c-4d-5e', /not a MAC/],
    ['00:00:00:00:00:00', /not a network card/],
    ['FF:FF:FF:FF:FF:FF', /broadcast/],
    ['01:00:5E:00:00:01', /multicast/],
  ])('refuses %j', (s, msg) => {
    const r = parseMac(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});

describe('magic packet', () => {
  it('is 6×FF then the MAC 16 times: 102 bytes', () => {
    const p = magicPacket('00-1a-2b-3c-4d-5e');
    expect(p.length).toBe(102);
    expect([...p.subarray(0, 6)]).toEqual([255, 255, 255, 255, 255, 255]);
    for (let i = 0; i < 16; i++) expect([...p.subarray(6 + i * 6, 12 + i * 6)]).toEqual(BYTES);
  });
  it('appends a 4- or 6-byte SecureOn password, refuses other lengths and bad MACs', () => {
    expect(magicPacket('001a2b3c4d5e', Uint8Array.from([1, 2, 3, 4])).length).toBe(106);
    expect([...magicPacket('001a2b3c4d5e', Uint8Array.from([1, 2, 3, 4, 5, 6])).subarray(102)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => magicPacket('001a2b3c4d5e', Uint8Array.from([1, 2, 3]))).toThrow(/SecureOn/);
    expect(() => magicPacket('nope')).toThrow(/not a MAC/);
  });
});

describe('broadcast addresses', () => {
  it('address OR NOT netmask', () => {
    expect(broadcastAddress('192.168.2.17', '255.255.255.0')).toBe('192.168.2.255');
    expect(broadcastAddress('10.1.5.9', '255.255.0.0')).toBe('10.1.255.255');
    expect(broadcastAddress('172.16.3.4', '255.255.255.240')).toBe('172.16.3.15');
    expect(broadcastAddress('192.168.2.17', '255.0.255.0')).toBeNull();
    expect(broadcastAddress('192.168.2.17', '255.255.255.255')).toBeNull();
    expect(broadcastAddress('300.1.1.1', '255.255.255.0')).toBeNull();
    expect(broadcastAddress('fe80::1', 'ffff:ffff:ffff:ffff::')).toBeNull();
  });
  it('local route covers every external IPv4 interface plus 255.255.255.255', () => {
    const t = localBroadcastTargets({
      lo: [{ family: 'IPv4', address: '127.0.0.1', netmask: '255.0.0.0', internal: true }],
      eth0: [
        { family: 'IPv4', address: '192.168.2.17', netmask: '255.255.255.0', internal: false },
        { family: 'IPv6', address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', internal: false },
      ],
      wlan0: [{ family: 4, address: '10.0.0.5', netmask: '255.255.252.0', internal: false }],
    });
    expect(t).toEqual(['192.168.2.255', '10.0.3.255', '255.255.255.255']);
  });
  it('knows whether a booth PC address is on one of our subnets (relay eligibility)', () => {
    const ifs = { eth0: [{ family: 'IPv4', address: '192.168.8.17', netmask: '255.255.255.0', internal: false }] };
    expect(onLocalSubnet('192.168.8.20', ifs)).toBe(true);
    expect(onLocalSubnet('192.168.9.20', ifs)).toBe(false);
    expect(onLocalSubnet(null, ifs)).toBe(false);
    expect(onLocalSubnet('borne.local', ifs)).toBe(false);
    expect(onLocalSubnet('127.0.0.5', { lo: [{ family: 'IPv4', address: '127.0.0.1', netmask: '255.0.0.0', internal: true }] })).toBe(
      false,
    );
  });
});
