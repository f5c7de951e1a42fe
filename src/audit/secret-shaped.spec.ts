import { auditable, HIDDEN_SECRET } from './secret-shaped';

describe(auditable.name, () => {
  it.each(['tsk_abc', 'tpat_abc', 'tcs_abc', 'tat_abc', 'trt_abc', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig'])('hides %s', (secret) => {
    expect(auditable(secret)).toBe(HIDDEN_SECRET);
  });

  it('keeps names and ids, cut at 128 characters, and null', () => {
    expect(auditable('ada')).toBe('ada');
    expect(auditable('task_runner')).toBe('task_runner');
    expect(auditable('eyJust-a-name')).toBe('eyJust-a-name');
    expect(auditable('x'.repeat(200))).toHaveLength(128);
    expect(auditable(undefined)).toBeNull();
  });
});
