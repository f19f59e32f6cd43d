import { registerEnumType } from 'type-graphql';

export enum EventType {
  DIPLOMACY = 'DIPLOMACY',
  AGREEMENT = 'AGREEMENT',
  ARMS_TRANSFER = 'ARMS_TRANSFER',
  TROOP_DEPLOYMENT = 'TROOP_DEPLOYMENT',
  TRAINING = 'TRAINING',
  COMBAT = 'COMBAT',
  CAPTURE = 'CAPTURE',
  OTHER = 'OTHER',
}
registerEnumType(EventType, { name: 'EventType' });
