// The OAuth uninstall callback (pipedrive.md §2): after a user removes the app, Pipedrive sends a
// DELETE with JSON {client_id, company_id, user_id} to the app's callback URL, authenticated with
// Basic base64(client_id:client_secret), as pipedrive/example-apps `oauth/uninstall.js` checks.
export interface UninstallRequest {
  callbackUrl: string;
  clientId: string;
  clientSecret: string;
  companyId: number;
  userId: number;
}

export async function sendUninstall(o: UninstallRequest): Promise<{ status: number }> {
  const res = await fetch(o.callbackUrl, {
    method: 'DELETE',
    redirect: 'manual',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${o.clientId}:${o.clientSecret}`, 'utf8').toString('base64')}`,
    },
    body: JSON.stringify({ client_id: o.clientId, company_id: o.companyId, user_id: o.userId }),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer().catch(() => undefined);
  return { status: res.status };
}
