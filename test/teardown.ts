// After each test file: stop what n8n-core started for it, so Jest exits without forceExit.
// n8n-core's SSH tunnel manager (created by the first node execution) keeps a 60 s cleanup
// interval that n8n itself clears on shutdown; the harness is that shutdown here.
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

afterAll(() => {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
