// @ts-check
/**
 * A typedoc plugin that groups the API reference by area instead of one flat list by kind: each export
 * gets the `@group` of the folder it is declared in (client, manifest, errors, limits, emulator, converters), so the
 * ~190 exports of the main entry point read as a few sections. An explicit `@group` tag in a comment wins.
 * Re-exports of another entry point's items (the main entry re-exports `rekognition-datasets/manifest`)
 * are shown under the name of that entry point rather than typedoc's generic "References".
 */
import { Comment, CommentTag, Converter, ReferenceReflection, ReflectionKind } from "typedoc";

/** Package-relative source path prefix -> group title. First match wins. */
const AREAS = [
  ["src/errors/", "Errors"],
  ["src/client/", "Client"],
  ["src/manifest/", "Manifest"],
  ["src/options/", "Client"],
  ["src/limits.ts", "Limits"],
  ["src/local/", "Emulator"],
  ["src/convert/", "Converters"],
];

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const { project } = context;
    for (const owner of project.getReflectionsByKind(ReflectionKind.Module)) {
      if (!("children" in owner) || owner.children === undefined) continue;
      for (const child of owner.children) {
        if (!child.isDeclaration()) continue;
        const path = project.getSymbolIdFromReflection(child)?.packagePath ?? "";
        const area = AREAS.find(([prefix]) => path.startsWith(prefix))?.[1];
        if (area === undefined) continue;
        // A function's comment lives on its signature; the group tag is read from either.
        const holder = child.signatures?.[0] ?? child;
        holder.comment ??= new Comment();
        if (holder.comment.blockTags.some((tag) => tag.tag === "@group")) continue;
        holder.comment.blockTags.push(new CommentTag("@group", [{ kind: "text", text: area }]));
      }
    }
  });
  // After typedoc's own grouping (priority -100): name a module's re-exports after the module they come from.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      for (const owner of context.project.getReflectionsByKind(ReflectionKind.Module)) {
        if (!("groups" in owner) || owner.groups === undefined) continue;
        for (const group of owner.groups) {
          if (group.title !== "References") continue;
          const sources = new Set(
            group.children.map((child) =>
              child instanceof ReferenceReflection ? child.getTargetReflectionDeep().parent?.name : undefined,
            ),
          );
          const [source] = sources;
          if (sources.size === 1 && source !== undefined) group.title = `Re-exported from ${source}`;
        }
      }
    },
    -300,
  );
}
