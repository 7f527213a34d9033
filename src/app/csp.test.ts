import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspSourcesFromConfig, issuerOrigin, securityHeaders } from './csp';

const HOSPITAL = {
  issuers: [{ iss: 'https://ehr.hospital.example/fhir/r4', clientId: 'imr' }],
  csp: {
    connectSrc: ['https://auth.hospital.example', 'https://pacs.hospital.example'],
    frameAncestors: ['https://ehr.hospital.example'],
  },
};

function directive(policy: string, name: string): string | undefined {
  return policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.slice(name.length + 1);
}

describe('cspSourcesFromConfig', () => {
  it("lists the issuers' origins and the configured origins", () => {
    expect(cspSourcesFromConfig(HOSPITAL)).toEqual({
      connectSrc: ['https://ehr.hospital.example', 'https://auth.hospital.example', 'https://pacs.hospital.example'],
      frameAncestors: ['https://ehr.hospital.example'],
    });
  });

  it('keeps a port wildcard of a loopback issuer pattern', () => {
    expect(issuerOrigin('http://127.0.0.1:*/fhir')).toBe('http://127.0.0.1:*');
    expect(cspSourcesFromConfig({ issuers: [{ iss: 'http://127.0.0.1:*/fhir' }] }).frameAncestors).toEqual([]);
  });

  it('refuses anything that could add a directive or a keyword', () => {
    for (const bad of [
      "https://a.example; script-src 'unsafe-inline'",
      "'unsafe-inline'",
      '*',
      'https://a.example https://b.example',
      'data:',
      'javascript:alert(1)',
      'https://a.example/path',
    ]) {
      expect(() => cspSourcesFromConfig({ issuers: [], csp: { connectSrc: [bad] } }), bad).toThrow(
        /not an http\(s\) origin/,
      );
    }
    expect(() => cspSourcesFromConfig({ issuers: [{ iss: 'ftp://x.example/fhir' }] })).toThrow();
    expect(() => cspSourcesFromConfig({ issuers: [], csp: { frameAncestors: 'https://a.example' } })).toThrow(/list/);
  });
});

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy(cspSourcesFromConfig(HOSPITAL));

  it('allows script only from the app itself, never inline or eval', () => {
    expect(directive(policy, 'script-src')).toBe("'self'");
    expect(directive(policy, 'default-src')).toBe("'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes/);
  });

  it('connects only to itself and the configured servers, and is framed only by the EHR', () => {
    expect(directive(policy, 'connect-src')).toBe(
      "'self' https://ehr.hospital.example https://auth.hospital.example https://pacs.hospital.example",
    );
    expect(directive(policy, 'frame-ancestors')).toBe('https://ehr.hospital.example');
    expect(directive(policy, 'worker-src')).toBe("'self'");
  });

  it('cannot be framed at all when no EHR origin is configured', () => {
    const alone = contentSecurityPolicy({ connectSrc: [], frameAncestors: [] });
    expect(directive(alone, 'frame-ancestors')).toBe("'none'");
    expect(directive(alone, 'connect-src')).toBe("'self'");
  });

  it('lists an origin once', () => {
    const twice = contentSecurityPolicy({ connectSrc: ['https://a.example', 'https://a.example'], frameAncestors: [] });
    expect(directive(twice, 'connect-src')).toBe("'self' https://a.example");
  });
});

describe('securityHeaders', () => {
  it('adds the referrer, sniffing and opener protections', () => {
    expect(securityHeaders({ connectSrc: [], frameAncestors: [] })).toMatchObject({
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });
});
