import { diffObjects } from '../diff/diff-objects.js';
import type { ObjectComparer } from './ports.js';

/** The engine's comparer: the pure diff over the server's prediction and the live object. */
export const compareWithDiff: ObjectComparer = (predicted, live, ignore) => diffObjects(predicted, live, { ignoreDifferences: ignore });
