// Sign-in for the system's pages: OpenID Connect authorization code flow with PKCE against the
// provider the service names at /auth/config.json (Keycloak locally). The page never sees a
// password and never asks for a staff id: who is acting comes from the token.
//
//   const user = await GridgovAuth.start({ clientId: 'gridgov-phone' });   // signs in if needed
//   const response = await GridgovAuth.fetch('/api/v1/...', options);       // with a fresh bearer token
//   GridgovAuth.signOut();
//
// Tokens are kept in localStorage (per client), so a phone that reopens the page with no signal
// still knows who it belongs to; the access token is refreshed quietly with the refresh token before
// it expires. When the refresh token itself has expired, fetch rejects with a SignInNeeded error and
// the page decides when to send the person to the provider (the phone keeps its queue meanwhile).
'use strict';

const GridgovAuth = (() => {
  const EARLY_S = 30;
  let clientId;
  let provider;
  let tokens;
  let refreshing = null;

  class SignInNeeded extends Error {
    constructor(why) { super(why || 'sign in needed'); this.name = 'SignInNeeded'; }
  }

  const key = () => `gridgov.auth.${clientId}`;
  const flowKey = () => `gridgov.auth.flow.${clientId}`;
  const save = () => localStorage.setItem(key(), JSON.stringify(tokens));

  function claims(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const text = decodeURIComponent(Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
      return JSON.parse(text);
    } catch (e) {
      return {};
    }
  }

  function random(bytes) {
    const b = crypto.getRandomValues(new Uint8Array(bytes));
    return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  async function challenge(verifier) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  const here = () => `${location.origin}${location.pathname}`;

  async function discover() {
    if (provider) return provider;
    const kept = localStorage.getItem('gridgov.auth.provider');
    try {
      const config = await (await fetch('/auth/config.json', { cache: 'no-store' })).json();
      const response = await fetch(`${config.issuer}/.well-known/openid-configuration`);
      provider = await response.json();
      localStorage.setItem('gridgov.auth.provider', JSON.stringify(provider));
    } catch (offline) {
      if (!kept) throw offline;
      provider = JSON.parse(kept);
    }
    return provider;
  }

  async function tokenRequest(form) {
    const p = await discover();
    const response = await fetch(p.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, ...form }),
    });
    if (response.status === 400 || response.status === 401) {
      throw new SignInNeeded((await response.json().catch(() => ({}))).error_description);
    }
    if (!response.ok) throw new Error(`the sign-in service answered ${response.status}`);
    const answer = await response.json();
    const now = Date.now() / 1000;
    tokens = {
      access: answer.access_token,
      refresh: answer.refresh_token || tokens?.refresh,
      id: answer.id_token || tokens?.id,
      expiresAt: now + answer.expires_in,
      refreshExpiresAt: answer.refresh_expires_in ? now + answer.refresh_expires_in : null,
    };
    save();
    return tokens;
  }

  async function redirectToSignIn() {
    const p = await discover();
    const verifier = random(48);
    const state = random(16);
    sessionStorage.setItem(flowKey(), JSON.stringify({ verifier, state, back: location.href }));
    const url = new URL(p.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code', client_id: clientId, redirect_uri: here(), scope: 'openid',
      state, code_challenge: await challenge(verifier), code_challenge_method: 'S256',
      ui_locales: document.documentElement.lang || 'zh-CN',
    });
    location.assign(url.toString());
    return new Promise(() => {}); // the page is leaving
  }

  async function completeSignIn(params) {
    const flow = JSON.parse(sessionStorage.getItem(flowKey()) || 'null');
    sessionStorage.removeItem(flowKey());
    history.replaceState(null, '', here());
    if (!flow || flow.state !== params.get('state')) return false;
    await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: here(), code_verifier: flow.verifier });
    return true;
  }

  /** A fresh access token: refreshed when it is about to expire (one refresh at a time). */
  async function accessToken() {
    if (!tokens) throw new SignInNeeded();
    if (tokens.expiresAt - EARLY_S > Date.now() / 1000) return tokens.access;
    if (!tokens.refresh) throw new SignInNeeded();
    refreshing = refreshing || tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh })
      .finally(() => { refreshing = null; });
    try {
      return (await refreshing).access;
    } catch (e) {
      if (e instanceof SignInNeeded) {
        tokens = null;
        localStorage.removeItem(key());
      }
      throw e;
    }
  }

  function user() {
    if (!tokens) return null;
    const c = claims(tokens.access);
    return {
      staffId: c.staff_id,
      name: c.name || [c.family_name, c.given_name].filter(Boolean).join('') || c.staff_id,
      roles: (c.realm_access && c.realm_access.roles) || [],
    };
  }

  return {
    SignInNeeded,

    /** Signs in when nobody is (leaving the page for the provider), and answers who is signed in. */
    async start(options) {
      clientId = options.clientId;
      tokens = JSON.parse(localStorage.getItem(key()) || 'null');
      const params = new URLSearchParams(location.search);
      if (params.has('code') && params.has('state')) {
        await completeSignIn(params);
      } else if (params.has('error')) {
        history.replaceState(null, '', here());
      }
      if (!tokens) {
        if (!navigator.onLine && options.offline !== false) return null;
        return redirectToSignIn();
      }
      return user();
    },

    user,

    /** Sends the person to the provider to sign in again (the page comes back to where it was). */
    signIn: redirectToSignIn,

    /** fetch with the bearer token; one quiet retry after a refresh if the service says 401. */
    async fetch(url, options = {}) {
      const send = async () => fetch(url, { ...options, headers: { ...(options.headers || {}), Authorization: `Bearer ${await accessToken()}` } });
      let response = await send();
      if (response.status === 401 && tokens) {
        tokens.expiresAt = 0;
        response = await send();
      }
      return response;
    },

    /** The bearer token itself, for what cannot go through fetch. */
    accessToken,

    async signOut() {
      const p = await discover().catch(() => null);
      const idToken = tokens?.id;
      tokens = null;
      localStorage.removeItem(key());
      if (p && p.end_session_endpoint) {
        const url = new URL(p.end_session_endpoint);
        url.search = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: here(), ...(idToken ? { id_token_hint: idToken } : {}) });
        location.assign(url.toString());
      } else {
        location.reload();
      }
    },
  };
})();
