/** The hosting contract lives in the domain (plans build the URLs they compare); providers use it too. */
export { publicAudioUrl, parsePublicAudioUrl } from '../model/audio-url.js';
