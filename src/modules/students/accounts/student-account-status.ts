import { registerEnumType } from '@nestjs/graphql';

export enum StudentAccountStatus {
  NONE = 'NONE',
  INVITED = 'INVITED',
  EXPIRED = 'EXPIRED',
  ACTIVE = 'ACTIVE',
  DEACTIVATED = 'DEACTIVATED',
}
registerEnumType(StudentAccountStatus, {
  name: 'StudentAccountStatus',
  description: "A student's own account: NONE (never invited), INVITED, EXPIRED (invite her again), ACTIVE, DEACTIVATED (by her school's admin)",
});
