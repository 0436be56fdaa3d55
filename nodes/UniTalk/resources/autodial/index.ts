// Autodialers: every action of /autodial/action.
import type { Resource } from '../../engine/describe';
import { callOperations } from './calls';
import { campaignOperations } from './campaigns';
import { numberOperations } from './numbers';
import { taskOperations } from './task';

export const autodialResource: Resource = {
	name: 'Autodialer',
	value: 'autodial',
	description: 'Autodialers (call campaigns) and their numbers',
	operations: [...campaignOperations, ...taskOperations, ...numberOperations, ...callOperations],
};
