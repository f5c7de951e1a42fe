import { PasswordPolicy } from './password.policy';

describe(PasswordPolicy.name, () => {
  const policy = new PasswordPolicy();
  const person = { username: 'ann', administrator: false };
  const admin = { username: 'root-ann', administrator: true };

  it.each(['password', 'PASSWORD', 'Password1', 'qwertyuiop', '12345678', 'iloveyou'])('refuses the common password %s', (password) => {
    expect(policy.problemWith(password, person)).toBe('password is one of the most commonly used passwords; choose another');
  });

  it('asks for 8 characters, 12 for administrators, counted as code points, at most 128', () => {
    expect(policy.problemWith('a7#kQ2!', person)).toBe('password must be at least 8 characters');
    expect(policy.problemWith('a7#kQ2!x', person)).toBeNull();
    expect(policy.problemWith('a7#kQ2!x9w', admin)).toBe('password must be at least 12 characters for an administrator');
    expect(policy.problemWith('a7#kQ2!x9wLm', admin)).toBeNull();
    expect(policy.problemWith('🔑🔑🔑🔑🔑🔑🔑🔑', person)).toBeNull();
    expect(policy.problemWith('x'.repeat(128), person)).toBeNull();
    expect(policy.problemWith('x'.repeat(129), person)).toBe('password must be at most 128 characters');
  });

  it('has no composition rules, but refuses the user name itself', () => {
    expect(policy.problemWith('correct horse battery staple', person)).toBeNull();
    expect(policy.problemWith('annabelle-lee', { username: 'Annabelle-Lee', administrator: false })).toBe(
      'password must not be the user name',
    );
  });
});
