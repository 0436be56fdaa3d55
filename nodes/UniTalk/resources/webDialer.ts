// Web Dialer notifications: contact and deal details shown to users in UniTalk's browser dialer.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { notRepeatable, repeatable } from '../engine/effect';
import { compact } from '../engine/params';
import type { Operation } from '../engine/types';
import { InputError } from '../shared/validation';
import { str } from './fields';

const userIds: INodeProperties = {
	displayName: 'User Names or IDs',
	name: 'userIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	required: true,
	default: [],
	description:
		'Users who see the notification. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
const idsOf = (raw: string[]) =>
	raw.map((v) => {
		const id = Number(v);
		if (!Number.isInteger(id) || id <= 0)
			throw new InputError(`"${v}" in "User Names or IDs" is not a user ID`, 'userIds');
		return id;
	});

export const webDialerOperations: Operation[] = [
	{
		value: 'sendNotification',
		name: 'Send Notification',
		action: 'Send a notification to the web dialer',
		description: 'Show contact and deal details in the UniTalk Web Dialer of users',
		path: '/widget/sendNotification',
		body: 'json',
		effect: notRepeatable('Shows a new notification each time.'),
		fields: [
			userIds,
			str('contactName', 'Contact Name'),
			str('contactLink', 'Contact Link'),
			str('entityName', 'Deal Name'),
			str('entityLink', 'Deal Link'),
			str('responsible', 'Responsible'),
		],
		build: (p) => {
			const data = compact({
				contactName: p.opt('contactName'),
				contactLink: p.opt('contactLink'),
				entityName: p.opt('entityName'),
				entityLink: p.opt('entityLink'),
				responsible: p.opt('responsible'),
			});
			if (!Object.keys(data).length)
				throw new InputError('Fill at least one of the notification fields', 'contactName');
			return { userIds: idsOf(p.list('userIds')), data };
		},
		output: (response) => ((response as IDataObject).data as IDataObject) ?? {},
	},
	{
		value: 'hideNotification',
		name: 'Hide Notification',
		action: 'Hide a web dialer notification',
		description: 'Hide a notification sent earlier',
		path: '/widget/hideNotification',
		body: 'json',
		effect: repeatable('Hides one notification by its ID: hiding it again leaves it hidden.'),
		fields: [
			userIds,
			str('notificationId', 'Notification ID', {
				required: true,
				default: '={{ $json.notificationId }}',
			}),
		],
		build: (p) => ({
			userIds: idsOf(p.list('userIds')),
			notificationId: p.id('notificationId', 'Notification ID'),
		}),
		output: (response, p) => ({
			notificationId: p.id('notificationId', 'Notification ID'),
			result: (response as IDataObject).status,
		}),
	},
];
