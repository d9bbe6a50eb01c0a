import { DiscoveryService } from '@nestjs/core';

/** A check the daily run performs once per Dutch calendar day (re-evaluations, reminders, expiries, …). */
export interface DailyCheck {
  run(day: string): Promise<void>;
}

export interface DailyCheckDeclaration {
  /** Stored per day in `daily_check_runs`: renaming a check makes it run again that day. */
  name: string;
  /**
   * Where it runs in the day, lowest first: a check that changes state others read runs before
   * them (see ARCHITECTURE.md, "Daily checks"). Unique: two checks never share a position.
   */
  order: number;
}

/**
 * Declares a provider a daily check. Put it on the class and list the class among its module's
 * providers: the daily run finds every declared check at boot, in `order`; nothing else to edit.
 */
export const DailyCheckProvider = DiscoveryService.createDecorator<DailyCheckDeclaration>();
