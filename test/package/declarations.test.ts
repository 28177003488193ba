/**
 * The bundled declarations (dist/*.d.ts, *.d.cts) as users compile against them. The declaration
 * bundler renames imported types to their exported names; a generic parameter of the same name then
 * captures them (`seedOrder(order: Order)` inside `SandboxServer<..., Order>` took the provider's
 * order instead of the canonical one). So no type parameter may share a name with a type of its file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hasBuild, ROOT } from './packed-project.js';

const built = hasBuild('test/package/declarations.test.ts');

/** Names of the file's own top-level types and of everything it imports. */
function fileTypeNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    } else if (
      (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

function shadowingTypeParameters(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const names = fileTypeNames(file);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    // `infer X` holds a type parameter declaration too.
    if (ts.isTypeParameterDeclaration(node) && names.has(node.name.text)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.slice(ROOT.length)}:${line + 1}: type parameter ${node.name.text} shadows the type ${node.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe.skipIf(!built)('the bundled declarations', () => {
  it('have no type parameter named like a type of the same file', () => {
    const dist = join(ROOT, 'dist');
    const declarations = readdirSync(dist).filter((name) => /\.d\.c?ts$/.test(name));
    expect(declarations.length).toBeGreaterThan(0);
    expect(declarations.flatMap((name) => shadowingTypeParameters(join(dist, name)))).toEqual([]);
  });
});
