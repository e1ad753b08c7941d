/**
 * Sprig v3 (3.3) as a function map for the Go template engine: every function of Sprig's
 * TxtFuncMap, deterministic ones faithful to Sprig's Go behaviour, non-deterministic ones drawing
 * on injected sources, and secret generators failing with a clear "not supported" error.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import { goFunc } from '../gotemplate/value.js';
import type { SprigOptions } from './context.js';
import { createSprigContext } from './context.js';
import { cryptoFuncs } from './crypto.js';
import { dateFuncs } from './dates.js';
import { defaultsFuncs } from './defaults.js';
import { dictFuncs } from './dicts.js';
import { encodingFuncs } from './encoding.js';
import { listFuncs } from './lists.js';
import { mathFuncs } from './math.js';
import { osFuncs } from './os.js';
import { pathFuncs } from './paths.js';
import { randomFuncs } from './random.js';
import { reflectionFuncs } from './reflection.js';
import { regexFuncs } from './regex.js';
import { semverFuncs } from './semver.js';
import { stringFuncs } from './strings.js';
import { urlFuncs } from './url.js';

/** Builds Sprig's function map; `options` supplies the clock, randomness, UUIDs, env and zone. */
export function sprigFuncs(options: SprigOptions = {}): FuncMap {
  const ctx = createSprigContext(options);
  return {
    ...stringFuncs(),
    ...randomFuncs(ctx),
    ...mathFuncs(ctx),
    ...listFuncs(),
    ...dictFuncs(),
    ...defaultsFuncs(),
    ...reflectionFuncs(),
    ...osFuncs(ctx),
    ...pathFuncs(),
    ...encodingFuncs(),
    ...cryptoFuncs(ctx),
    ...semverFuncs(),
    ...regexFuncs(),
    ...urlFuncs(),
    ...dateFuncs(ctx),
    fail: goFunc(['string'], (a) => {
      throw new Error(String(a[0]));
    }),
  };
}
