// n8n-core keeps its instance settings in N8N_USER_FOLDER; tests use a throw-away folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-unitalk-test-'));
// The throw-away settings file is created with the default umask; n8n only warns about that.
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
