const { src, dest } = require('gulp');

/** Copies node and credential icons (and codex files) next to the compiled JavaScript in dist/. */
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
