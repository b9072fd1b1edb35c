// The Knipsel version, written into backups so a newer-version message can name it.
import { version } from '../../../../package.json';

export const appVersion: string = version;
