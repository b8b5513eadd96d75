/**
 * Subscription endpoints as a drill records them: the vault is immutable for years and must hold
 * no personal data (docs/formats/workflow-records-v1.md), and an HTTPS endpoint's path often
 * carries an integration key. What stays is enough to tell subscriptions apart in an audit.
 */
export function maskEndpoint(protocol: string, endpoint: string): string {
  if (protocol === 'email' || protocol === 'email-json') {
    const at = endpoint.lastIndexOf('@');
    if (at <= 0) return '***';
    return `${endpoint.slice(0, 1)}***${endpoint.slice(at)}`;
  }
  if (protocol === 'http' || protocol === 'https') {
    try {
      const url = new URL(endpoint);
      return `${url.protocol}//${url.host}/***`;
    } catch {
      return `${protocol}://***`;
    }
  }
  if (protocol === 'sms') return endpoint.length > 2 ? `${'*'.repeat(endpoint.length - 2)}${endpoint.slice(-2)}` : '***';
  // sqs, lambda, firehose, application: resource ARNs of the company's own account, not people.
  if (endpoint.startsWith('arn:')) return endpoint;
  return '***';
}
