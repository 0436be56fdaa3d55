// The CRM stand-ins as the tests and the e2e suite set them up: secrets, users and leads.
import { Elma365StandIn, ELMA_WEBHOOK_PATH } from './elma365';
import { LeadSquaredStandIn, leadSquaredPaths } from './leadsquared';
import { VTIGER_CALLBACK_PATH, VtigerStandIn } from './vtiger';

export const VTIGER_SECRET = 'vtiger-secret-7f3a';
export const LEADSQUARED_KEY = 'ls-connector-91c2';
export const ELMA_TOKEN = 'elma-token-4d8e';

/** The lines of UniTalk's users, set as their Office Phone in Vtiger. */
export const OFFICE_PHONES = { '2000': 'anna', '2001': 'bohdan', '2048': 'olena' };

/** A lead whose owner's line is 2048, as route-to-manager.json's table has it. */
export const LEADS = [
	{
		leadId: 'lead-7',
		name: 'Ivan Petrenko',
		phone: '+380505557182',
		owner: { number: '2048', name: 'Olena', email: 'olena@example.com' },
	},
	{
		leadId: 'lead-9',
		name: 'Maria Koval',
		phone: '380671112233',
		owner: { number: '2001', name: 'Bohdan', email: 'bohdan@example.com' },
	},
];

export async function crmStandIns() {
	const vtiger = await new VtigerStandIn({
		secret: VTIGER_SECRET,
		officePhones: OFFICE_PHONES,
	}).start();
	const leadSquared = await new LeadSquaredStandIn({
		connectorKey: LEADSQUARED_KEY,
		leads: LEADS,
	}).start();
	const elma365 = await new Elma365StandIn({ token: ELMA_TOKEN }).start();
	const ls = leadSquaredPaths(LEADSQUARED_KEY);
	return {
		vtiger,
		leadSquared,
		elma365,
		/** What a user copies into each example's "CRM settings". */
		settings: {
			vtiger: {
				url: vtiger.url,
				callbackUrl: vtiger.url + VTIGER_CALLBACK_PATH,
				secret: VTIGER_SECRET,
			},
			leadSquared: {
				url: leadSquared.url,
				callLogUrl: leadSquared.url + ls.callLog,
				agentPopupUrl: leadSquared.url + ls.agentPopup,
				callRouteUrl: leadSquared.url + ls.callRoute,
			},
			elma365: { url: elma365.url, webhookUrl: elma365.url + ELMA_WEBHOOK_PATH, token: ELMA_TOKEN },
		},
	};
}
