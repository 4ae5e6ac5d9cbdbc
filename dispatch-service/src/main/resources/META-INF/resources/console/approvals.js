// The supervisors' desk in the console (跟踪督办): the requests for more time (延时) and for parking
// (挂账) that wait for a decision, read from case-service, each approved or refused with one tap and
// an optional note. Only supervisors and leaders decide them: case-service refuses the list to anyone
// else, and the panel stays hidden. Asking does not pass through dispatch-service's live stream, so
// the list is read again every few seconds.
'use strict';

const APPROVALS_POLL_MS = 15000;

Object.assign(TEXT.zh, {
  approvals: '待审批', approve: '批准', refuse: '不批准', decisionNote: '审批意见（可选）', noApprovals: '暂无待审批申请',
  askExtension: (hours) => `申请延时 ${hours} 小时`, askParking: (day) => `申请挂账，${day} 复查`,
  askedBy: (who, at) => `${who} 于 ${at} 申请`, dueNow: (at) => `当前期限 ${at}`,
  approvedRequest: (n) => `已批准案件 ${n} 的申请`, refusedRequest: (n) => `已驳回案件 ${n} 的申请`,
});
Object.assign(TEXT.en, {
  approvals: 'Waiting for approval', approve: 'Approve', refuse: 'Refuse', decisionNote: 'Note (optional)',
  noApprovals: 'No request waits for a decision',
  askExtension: (hours) => `asks ${hours} more working hours`, askParking: (day) => `asks to park it until ${day}`,
  askedBy: (who, at) => `asked by ${who} at ${at}`, dueNow: (at) => `due now ${at}`,
  approvedRequest: (n) => `Request on case ${n} approved`, refusedRequest: (n) => `Request on case ${n} refused`,
});

const approvals = { list: [], allowed: false };

async function refreshApprovals() {
  try {
    approvals.list = await cases('/approval-requests');
    approvals.allowed = true;
    $('approvals-error').textContent = '';
  } catch (failure) {
    if (failure.status === 403) {
      approvals.allowed = false;
    } else {
      $('approvals-error').textContent = t('couldNotLoad', failure.message);
    }
  }
  renderApprovals();
}

function renderApprovals() {
  $('approvals-panel').hidden = !approvals.allowed;
  $('approvals').dataset.empty = t('noApprovals');
  $('approvals').replaceChildren(...approvals.list.map(approvalItem));
  $('approvals-count').textContent = `(${approvals.list.length})`;
}

function approvalItem(r) {
  const li = el('li');
  li.dataset.requestId = r.requestId;
  li.dataset.caseId = r.caseId;
  li.dataset.kind = r.kind;
  const open = el('button', 'link number', r.caseNumber);
  open.type = 'button';
  open.setAttribute('aria-label', `${t('details')} ${r.caseNumber}`);
  open.addEventListener('click', () => select(r.caseId));
  const asked = r.kind === 'EXTENSION' ? t('askExtension', r.hours) : t('askParking', r.reviewOn);
  li.append(open, ' ', el('strong', null, asked), ` · ${r.category} · ${r.gridCode || '—'} · ${r.departmentCode || '—'}`,
    el('div', null, r.reason),
    el('div', 'detail', `${t('askedBy', r.requestedBy, when(r.requestedAt))} · ${t('dueNow', when(r.stepDueAt))}`));
  const noteId = `approval-note-${r.requestId}`;
  const label = el('label', null, t('decisionNote'));
  label.htmlFor = noteId;
  const note = el('input');
  note.id = noteId;
  note.maxLength = 2000;
  const buttons = el('div', 'decide');
  const approve = el('button', 'approve', t('approve'));
  const refuse = el('button', 'refuse', t('refuse'));
  [approve, refuse].forEach((b) => { b.type = 'button'; });
  approve.addEventListener('click', () => decide(r, true, note.value, li));
  refuse.addEventListener('click', () => decide(r, false, note.value, li));
  buttons.append(approve, refuse);
  li.append(label, note, buttons, el('p', 'error'));
  return li;
}

/** A decision under a fresh command id; case-service applies a resend of the same id once. */
async function decide(r, approved, note, li) {
  li.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  li.querySelector('.error').textContent = '';
  try {
    await cases(`/cases/${r.caseId}/approval-requests/${r.requestId}/decision`,
      postJson({ commandId: crypto.randomUUID(), approved, note: note.trim() || null }));
    done(t(approved ? 'approvedRequest' : 'refusedRequest', r.caseNumber));
    await refreshApprovals();
    if (state.selected === r.caseId) openDetail(r.caseId);
  } catch (failure) {
    li.querySelector('.error').textContent = failure.message;
    li.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
}

/** Called once the console has signed in: the list now, again every few seconds and in a new language. */
function startApprovals() {
  const redraw = Pages.onLanguage;
  Pages.onLanguage = () => { redraw(); renderApprovals(); };
  refreshApprovals();
  setInterval(refreshApprovals, APPROVALS_POLL_MS);
}
