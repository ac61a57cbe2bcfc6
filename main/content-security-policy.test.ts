import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { buildContentSecurityPolicy, hubOrigins } from './content-security-policy.js';

test('the policy names the hub origin exactly, for ws and http', () => {
  assert.equal(
    buildContentSecurityPolicy('http://127.0.0.1:41234'),
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
      "connect-src 'self' ws://127.0.0.1:41234 http://127.0.0.1:41234; worker-src 'self' blob:; child-src 'self' blob:; " +
      "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  assert.deepEqual(hubOrigins('https://hub.example:9443/health'), { httpOrigin: 'https://hub.example:9443', wsOrigin: 'wss://hub.example:9443' });
});

test('no eval, no wildcard, no remote script', () => {
  const policy = buildContentSecurityPolicy('http://127.0.0.1:8787');
  assert.doesNotMatch(policy, /unsafe-eval|\*/);
  const scriptSrc = policy.split('; ').find((directive) => directive.startsWith('script-src'));
  assert.equal(scriptSrc, "script-src 'self'");
});

test('a hub URL that is not http(s) is refused', () => {
  assert.throws(() => buildContentSecurityPolicy('ftp://127.0.0.1:21'), /must be http/);
});

// Electronegativity cannot see this policy (it is built at run time), so the check it would run is run here with
// the same evaluator. Reviewed and accepted: 'self' in script-src (app:// serves only our own bundles: no JSONP,
// no uploads) and the plain-http loopback hub (127.0.0.1 never leaves the machine).
interface CspFinding {
  readonly severity: number;
  readonly directive: string;
  readonly value: string;
  readonly description: string;
}
interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
  Version: { CSP3: unknown };
  severities: { HIGH: number; SYNTAX: number; MEDIUM: number; HIGH_MAYBE: number; MEDIUM_MAYBE: number };
}

test('the CSP evaluator Electronegativity uses finds nothing beyond the reviewed loopback and self entries', () => {
  const csp = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorModule;
  const policy = buildContentSecurityPolicy('http://127.0.0.1:8787');
  const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
  const serious = [csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM, csp.severities.HIGH_MAYBE, csp.severities.MEDIUM_MAYBE];
  const reviewed = (finding: CspFinding): boolean =>
    (finding.directive === 'connect-src' && finding.value === 'http://127.0.0.1:8787') || (finding.directive === 'script-src' && finding.value === "'self'");
  const unexpected = findings.filter((finding) => serious.includes(finding.severity) && !reviewed(finding));
  assert.deepEqual(unexpected, []);
});
