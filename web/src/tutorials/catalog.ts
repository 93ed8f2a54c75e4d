// The tutorials the site has: the built-in lesson (in the message files,
// one per language) and the teachers' files in tutorials/, built in.
import lessonEn from '../messages/lesson.en.md?raw';
import lessonZh from '../messages/lesson.zh-CN.md?raw';
import { lang } from '../shared/i18n';

export const LESSON = 'lesson';

/** The built-in lesson in the current language. */
export function lessonSource(): string {
  return lang() === 'zh-CN' ? lessonZh : lessonEn;
}

const files = import.meta.glob('../../../tutorials/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface TutorialFile {
  name: string;
  title: string;
  source: string;
}

/** The teachers' tutorials, by file name (without .md). */
export const teacherTutorials: TutorialFile[] = Object.entries(files)
  .map(([path, source]) => ({
    name: path.replace(/^.*\//, '').replace(/\.md$/, ''),
    title: /^#\s+(.+)$/m.exec(source)?.[1].trim() ?? path.replace(/^.*\//, ''),
    source,
  }))
  .sort((a, b) => a.name.localeCompare(b.name));
