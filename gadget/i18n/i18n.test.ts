import { describeTranslations } from '../../ui/testing/translations.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

describeTranslations('gadget', { en, de });
