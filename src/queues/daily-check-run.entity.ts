import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** That a daily check ran on a given (Dutch) day, so a second run that day does nothing. */
@Entity('daily_check_runs')
export class DailyCheckRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  checkName: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @CreateDateColumn({ type: 'timestamptz' })
  completedAt: Date;
}
