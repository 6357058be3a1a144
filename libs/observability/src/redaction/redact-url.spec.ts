import { REDACTED, redactQuery, redactQueryObject, redactUrl } from './redact-url';

describe('redacting secrets in URLs', () => {
  it('replaces a calendar feed’s token in a path with its query', () => {
    expect(redactUrl('/api/v1/calendar/feeds/f1.ics?token=s3cr3t')).toBe(
      `/api/v1/calendar/feeds/f1.ics?token=${REDACTED}`,
    );
  });

  it('replaces every secret parameter, in any case, and leaves the others as they were sent', () => {
    expect(redactUrl('https://h:1/p?a=1&ACCESS_TOKEN=x&b=%20y&Token=z&id_token=t#frag')).toBe(
      `https://h:1/p?a=1&ACCESS_TOKEN=${REDACTED}&b=%20y&Token=${REDACTED}&id_token=${REDACTED}#frag`,
    );
  });

  it('recognises an encoded parameter name and one without a value', () => {
    expect(redactQuery('%74oken=x&token')).toBe(`%74oken=${REDACTED}&token=${REDACTED}`);
  });

  it('replaces the user name and password of an absolute URL, up to its last @', () => {
    expect(redactUrl('https://deploy:s3cr3t@ci.example.com/p?x=1')).toBe(
      `https://${REDACTED}@ci.example.com/p?x=1`,
    );
    expect(redactUrl('postgres://app:p@ss@db:5432/itsm')).toBe(
      `postgres://${REDACTED}@db:5432/itsm`,
    );
    expect(redactUrl('https://ci.example.com/p?next=a@b')).toBe(
      'https://ci.example.com/p?next=a@b',
    );
    expect(redactUrl('/api/v1/people/sam@example.com')).toBe('/api/v1/people/sam@example.com');
  });

  it('leaves a URL without a query, or without secrets, alone', () => {
    expect(redactUrl('/api/v1/changes')).toBe('/api/v1/changes');
    expect(redactUrl('/api/v1/changes?state=new&tokens=1')).toBe(
      '/api/v1/changes?state=new&tokens=1',
    );
    expect(redactQuery('bad=%E0%A4%A')).toBe('bad=%E0%A4%A');
  });

  it('replaces secrets in a parsed query', () => {
    expect(redactQueryObject({ token: 'x', state: 'new' })).toEqual({
      token: REDACTED,
      state: 'new',
    });
  });
});
