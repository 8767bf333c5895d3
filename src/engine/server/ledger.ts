// The local credits ledger: every user starts with the same allowance; chat edits spend what the planner
// says they cost; exports are free. Generous, but 2001 is reachable (as with the cloud).
import * as path from 'node:path';
import { errors } from './errors';
import { readJsonFile, writeJsonAtomic } from './json-store';

export const DEFAULT_CREDITS = 100;

interface Account {
  available: number;
  frozen: number;
  spent: number;
}

export class Ledger {
  private readonly file: string;
  private readonly accounts: Record<string, Account>;

  constructor(dataDir: string, private readonly initialCredits = DEFAULT_CREDITS) {
    this.file = path.join(dataDir, 'ledger.json');
    this.accounts = readJsonFile<Record<string, Account>>(this.file) ?? {};
  }

  private account(userId: string): Account {
    let a = this.accounts[userId];
    if (!a) {
      a = { available: this.initialCredits, frozen: 0, spent: 0 };
      this.accounts[userId] = a;
    }
    return a;
  }

  /** Creates the account on first sight (the anonymous token answer shows its credits). */
  async open(userId: string): Promise<number> {
    const existed = userId in this.accounts;
    const a = this.account(userId);
    if (!existed) await writeJsonAtomic(this.file, this.accounts);
    return a.available;
  }

  balance(userId: string): { available: number; frozen: number; total: number } {
    const a = this.account(userId);
    return { available: a.available, frozen: a.frozen, total: a.available + a.frozen };
  }

  /** Throws 2001 unless at least `min` credits are available. */
  require(userId: string, min = 1): void {
    const a = this.account(userId);
    if (a.available < min) throw errors.outOfCredits(min, a.available);
  }

  async spend(userId: string, amount: number): Promise<void> {
    if (amount <= 0) return;
    const a = this.account(userId);
    if (a.available < amount) throw errors.outOfCredits(amount, a.available);
    a.available -= amount;
    a.spent += amount;
    await writeJsonAtomic(this.file, this.accounts);
  }
}
