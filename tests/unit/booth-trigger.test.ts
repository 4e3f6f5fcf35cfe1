import { describe, expect, it } from 'vitest';
import { counterFor, parseTrigger, TRIGGER_TYPES } from '@core/modules/booths/trigger.js';

const ok = (url: string) => {
  const r = parseTrigger(url);
  if (!r.ok) throw new Error(r.error);
  return r.trigger;
};
const bad = (url: string) => {
  const r = parseTrigger(url);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
};

describe('dslrBooth trigger parser', () => {
  it('reads every trigger type from real-looking URLs', () => {
    expect(ok('/dslrbooth?event_type=session_start&param1=print')).toMatchObject({ type: 'session_start', boothMode: 'print' });
    expect(ok('/dslrbooth?event_type=countdown_start&param1=3')).toMatchObject({ type: 'countdown_start', params: ['3'] });
    expect(ok('/dslrbooth?event_type=countdown&param1=66')).toMatchObject({ type: 'countdown', params: ['66'] });
    expect(ok('/dslrbooth?event_type=capture_start')).toMatchObject({ type: 'capture_start', params: [] });
    expect(ok('/dslrbooth?event_type=file_download&param1=C%3A%5CUsers%5CBooth%5CPictures%5CdslrBooth%5CIMG_0042.JPG')).toMatchObject({
      type: 'file_download',
      file: 'C:\\Users\\Booth\\Pictures\\dslrBooth\\IMG_0042.JPG',
    });
    expect(
      ok('/dslrbooth?event_type=processing_start&param1=C%3A%5Cp%5Ca.jpg&param2=C%3A%5Cp%5Cb.jpg&param3=C%3A%5Cp%5CPrints%5Cfinal.jpg'),
    ).toMatchObject({ type: 'processing_start', file: 'C:\\p\\Prints\\final.jpg' });
    expect(ok('/dslrbooth?event_type=sharing_screen')).toMatchObject({ type: 'sharing_screen' });
    expect(ok('/dslrbooth?event_type=printing&param1=C%3A%5CPhotos%5CMariage+Dupont%5Cprint_01.jpg&param2=2&param3=DNP%20DS620')).toEqual({
      type: 'printing',
      params: ['C:\\Photos\\Mariage Dupont\\print_01.jpg', '2', 'DNP DS620'],
      file: 'C:\\Photos\\Mariage Dupont\\print_01.jpg',
      copies: 2,
      printer: 'DNP DS620',
    });
    expect(
      ok(
        'http://127.0.0.1:8787/dslrbooth?event_type=file_upload&param1=a.jpg&param2=https%3A%2F%2Ffotoshare.co%2Fi%2Fx&param3=photo&param4=Gala',
      ),
    ).toMatchObject({
      type: 'file_upload',
      params: ['a.jpg', 'https://fotoshare.co/i/x', 'photo', 'Gala'],
    });
    expect(ok('/dslrbooth?event_type=session_end')).toMatchObject({ type: 'session_end' });
    expect(TRIGGER_TYPES).toHaveLength(10);
  });

  it('keeps raw (unencoded) Windows backslashes', () => {
    expect(ok('/t?event_type=printing&param1=C:\\Photos\\x.jpg&param2=1').file).toBe('C:\\Photos\\x.jpg');
  });

  it('counts what each trigger means', () => {
    expect(counterFor(ok('/t?event_type=session_start&param1=gif'))).toEqual({ kind: 'session', count: 1 });
    expect(counterFor(ok('/t?event_type=capture_start'))).toEqual({ kind: 'capture', count: 1 });
    expect(counterFor(ok('/t?event_type=printing&param1=f.jpg&param2=3'))).toEqual({ kind: 'print', count: 3 });
    expect(counterFor(ok('/t?event_type=processing_start&param1=final.jpg'))).toEqual({ kind: 'digital', count: 1 });
    expect(counterFor(ok('/t?event_type=processing_start&param1=boomerang.MP4'))).toEqual({ kind: 'gif', count: 1 });
    expect(counterFor(ok('/t?event_type=file_upload&param1=a.jpg'))).toEqual({ kind: 'upload', count: 1 });
    expect(counterFor(ok('/t?event_type=countdown&param1=10'))).toEqual({ kind: 'signal', count: 1 });
  });

  it('printing with copies missing counts one copy; garbage copies are refused', () => {
    expect(ok('/t?event_type=printing&param1=f.jpg').copies).toBe(1);
    expect(ok('/t?event_type=printing&param1=f.jpg&param2=').copies).toBe(1);
    expect(bad('/t?event_type=printing&param1=f.jpg&param2=two')).toMatch(/not a whole number/);
    expect(bad('/t?event_type=printing&param1=f.jpg&param2=-1')).toMatch(/not a whole number/);
    expect(bad('/t?event_type=printing&param1=f.jpg&param2=0')).toMatch(/1 to 99/);
    expect(bad('/t?event_type=printing&param1=f.jpg&param2=1000')).toMatch(/1 to 99/);
  });

  it('a repeated parameter with the same value is accepted, with different values refused', () => {
    expect(ok('/t?event_type=printing&param1=f.jpg&param2=2&event_type=printing&param2=2').copies).toBe(2);
    expect(bad('/t?event_type=printing&param2=2&param2=3')).toMatch(/param2.*twice/);
    expect(bad('/t?event_type=printing&event_type=session_end')).toMatch(/event_type.*twice/);
  });

  it('refuses unknown, missing or malformed triggers', () => {
    expect(bad('/t?event_type=self_destruct')).toMatch(/Unknown event_type/);
    expect(bad('/t?param1=x')).toMatch(/Missing event_type/);
    expect(bad('/t')).toMatch(/Missing event_type/);
    expect(bad('/t?event_type=')).toMatch(/Missing event_type/);
    expect(bad('/t?event_type=printing&param1=%E0%A4%A')).toMatch(/percent-encoding/);
    expect(bad('/t?event_type=printing&param1=' + 'x'.repeat(1200))).toMatch(/too long/);
    expect(bad('x'.repeat(9000))).toMatch(/too long/);
  });

  it('refuses a gap in paramN numbering (param3 without param2 is not guessed at)', () => {
    expect(bad('/t?event_type=file_upload&param1=a&param3=c')).toMatch(/param2 is missing/);
  });

  // Issue 12: these answered 200 and took a print off the paper.
  it.each([
    ['/dslrbooth?event_type=printing&param2=lots', /param1 is missing/],
    ['/dslrbooth?event_type=printing&param2=-3', /param1 is missing/],
    ['/dslrbooth?event_type=printing&param2=99999999999999999999', /param1 is missing/],
    ['/dslrbooth?event_type=printing&param1=a.jpg&param2=lots', /not a whole number/],
    ['/dslrbooth?event_type=printing&param1=a.jpg&param2=-3', /not a whole number/],
    ['/dslrbooth?event_type=printing&param1=a.jpg&param2=99999999999999999999', /not a whole number/],
    ['/dslrbooth?event_type=printing&param1=a.jpg&param2=0', /1 to 99/],
    ['/dslrbooth?event_type=printing', /param1 .*missing/],
    ['/dslrbooth?event_type=printing&param1=&param2=2', /param1 .*missing/],
    ['/dslrbooth?event_type=printing&param1=a.jpg&copies=5', /Unknown parameter "copies"/],
    ['/dslrbooth?event_type=file_download', /param1 .*missing/],
    ['/dslrbooth?event_type=processing_start&param1=', /final file is missing/],
    ['/dslrbooth?event_type=countdown&param1=150', /0 to 100/],
    ['/dslrbooth?event_type=countdown_start&param1=-3', /not a whole number/],
    ['/dslrbooth?event_type=session_start&param1=%3Cscript%3E', /not a mode/],
  ])('refuses malformed fields whichever are present: %s', (url, reason) => {
    expect(bad(url)).toMatch(reason);
  });
});
