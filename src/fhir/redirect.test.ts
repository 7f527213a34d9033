import { describe, expect, it } from 'vitest';
import { LaunchRefused } from './config';
import { checkRedirect } from './redirect';

const storage = (keys: Record<string, string>) => ({ getItem: (key: string) => keys[key] ?? null });
const launched = storage({ 'state-1': '{"clientId":"imr-study-author"}', SMART_KEY: '"state-1"' });

describe('checkRedirect', () => {
  it('lets through the redirect of a launch this tab started, and a plain reload', () => {
    expect(() => checkRedirect('?code=abc&state=state-1', launched)).not.toThrow();
    expect(() => checkRedirect('', launched)).not.toThrow();
  });

  it('refuses a state this tab never issued', () => {
    expect(() => checkRedirect('?code=abc&state=forged', launched)).toThrow(LaunchRefused);
    expect(() => checkRedirect('?code=abc&state=forged', launched)).toThrow(/could not be verified/);
  });

  it('refuses a code without a state, which fhirclient would match to the last launch', () => {
    expect(() => checkRedirect('?code=abc', launched)).toThrow(LaunchRefused);
    expect(() => checkRedirect('?code=abc&state=', launched)).toThrow(LaunchRefused);
  });

  it('refuses an unknown state even without a code', () => {
    expect(() => checkRedirect('?state=forged', launched)).toThrow(LaunchRefused);
    expect(() => checkRedirect('?state=state-1', launched)).not.toThrow();
  });

  it('leaves an authorization error to fhirclient, which reports it', () => {
    expect(() => checkRedirect('?error=access_denied&state=forged', launched)).not.toThrow();
  });
});
