package provider_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// troubleshootingGuide is the generated guide every diagnostic summary must appear in.
const troubleshootingGuide = "../../docs/guides/troubleshooting.md"

// diagCalls maps the diagnostic constructors to the index of their summary argument.
var diagCalls = map[string]int{
	"AddError": 0, "AddWarning": 0, "NewErrorDiagnostic": 0, "NewWarningDiagnostic": 0,
	"AddAttributeError": 1, "AddAttributeWarning": 1, "NewAttributeErrorDiagnostic": 1, "NewAttributeWarningDiagnostic": 1,
}

// placeholder is how the guide writes the variable part of a summary: `<verb>`.
const placeholder = `<[^<>\n]+>`

// summary is one diagnostic summary found in the sources, as a regular expression.
type summary struct {
	pattern string // matched against the guide, case-sensitive
	text    string // the summary as written in the code, for messages
	where   string // file:line of the call
}

// TestTroubleshootingGuideListsEveryDiagnostic parses the provider's Go sources (not the
// tests) and checks that every summary of an error or warning the provider emits appears
// in docs/guides/troubleshooting.md, so that a new diagnostic cannot ship undocumented.
//
// A summary is taken from the call's summary argument:
//   - a string literal must appear as is;
//   - fmt.Sprintf("Could not %s %s", …) and "Timeback application is "+status must appear
//     with each verb or non-constant operand written as a placeholder in angle brackets,
//     such as `Could not <verb> <object>`;
//   - a local variable is followed to its last assignment before the call in the same
//     function: tfx.APIError builds its summary with fmt.Sprintf, and the LTIaaS key
//     validator takes it from CheckKey, whose string literals in the summary position
//     of its return statements must each appear;
//   - x.Summary() re-emits a diagnostic created elsewhere (cronofy's orphan, which
//     extends tfx.Orphan's detail); that summary is collected where it is created.
//
// Anything else fails the test, so that a new way of building a summary is taught here
// rather than skipped.
func TestTroubleshootingGuideListsEveryDiagnostic(t *testing.T) {
	guide, err := os.ReadFile(troubleshootingGuide)
	if err != nil {
		t.Fatalf("reading the troubleshooting guide (run `make generate`): %v", err)
	}
	summaries, problems := collectSummaries(t, "..")
	for _, p := range problems {
		t.Error(p)
	}
	// A parser that finds nothing would pass vacuously: the provider has well over 40.
	if len(summaries) < 40 {
		t.Fatalf("found only %d diagnostic summaries under internal/: the source scan is broken", len(summaries))
	}

	seen := map[string]bool{}
	var missing []string
	for _, s := range summaries {
		if seen[s.pattern] {
			continue
		}
		seen[s.pattern] = true
		if testing.Verbose() {
			t.Logf("%s: %s", s.where, s.text)
		}
		if !regexp.MustCompile(s.pattern).Match(guide) {
			missing = append(missing, fmt.Sprintf("%s: %q", s.where, s.text))
		}
	}
	t.Logf("%d diagnostic calls, %d distinct summaries", len(summaries), len(seen))
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("%d diagnostic summaries are not in %s (write each in the guide, with `<…>` for the variable parts of a format):\n  %s",
			len(missing), troubleshootingGuide, strings.Join(missing, "\n  "))
	}
}

// collectSummaries walks the non-test Go files under root.
func collectSummaries(t *testing.T, root string) ([]summary, []string) {
	t.Helper()
	fset := token.NewFileSet()
	pkgs := map[string][]*ast.File{} // directory → files, to resolve helper functions
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "acctest" || d.Name() == "mockapi") {
			return filepath.SkipDir // test infrastructure (acctest's fake restapi provider): users never see these
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		pkgs[filepath.Dir(path)] = append(pkgs[filepath.Dir(path)], f)
		return nil
	})
	if err != nil {
		t.Fatalf("parsing internal/: %v", err)
	}

	var out []summary
	var problems []string
	for _, files := range pkgs {
		for _, f := range files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					idx, ok := diagCalls[sel.Sel.Name]
					if !ok || len(call.Args) <= idx {
						return true
					}
					where := fset.Position(call.Pos()).String()
					sc := scope{body: fd.Body, at: call.Pos(), pkg: files}
					pats, skip, err := summaryPatterns(call.Args[idx], sc)
					switch {
					case err != nil:
						problems = append(problems, fmt.Sprintf("%s: %v", where, err))
					case skip:
					default:
						for _, p := range pats {
							out = append(out, summary{pattern: p.pattern, text: p.text, where: where})
						}
					}
					return true
				})
			}
		}
	}
	return out, problems
}

type pattern struct{ pattern, text string }

// scope is where a summary expression is: the enclosing function's body, the position
// of the diagnostic call, and the files of its package.
type scope struct {
	body *ast.BlockStmt
	at   token.Pos
	pkg  []*ast.File
}

// summaryPatterns turns a summary expression into the patterns the guide must match.
// skip reports a re-emitted summary (x.Summary()).
func summaryPatterns(e ast.Expr, sc scope) (pats []pattern, skip bool, err error) {
	switch x := e.(type) {
	case *ast.BasicLit:
		s, err := literal(x)
		if err != nil {
			return nil, false, err
		}
		return []pattern{{regexp.QuoteMeta(s), s}}, false, nil

	case *ast.BinaryExpr: // "Timeback application is " + app.Status
		if x.Op != token.ADD {
			return nil, false, fmt.Errorf("summary built with %s: teach docs_test.go", x.Op)
		}
		l, lt := operand(x.X)
		r, rt := operand(x.Y)
		return []pattern{{l + r, lt + rt}}, false, nil

	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
			if pkgIdent, ok := sel.X.(*ast.Ident); ok && pkgIdent.Name == "fmt" && sel.Sel.Name == "Sprintf" && len(x.Args) > 0 {
				lit, ok := x.Args[0].(*ast.BasicLit)
				if !ok {
					return nil, false, fmt.Errorf("fmt.Sprintf summary without a literal format: teach docs_test.go")
				}
				format, err := literal(lit)
				if err != nil {
					return nil, false, err
				}
				return []pattern{{formatPattern(format), format}}, false, nil
			}
			if sel.Sel.Name == "Summary" && len(x.Args) == 0 {
				return nil, true, nil // a diagnostic re-emitted: its summary is collected where it is made
			}
		}
		return nil, false, fmt.Errorf("summary from a call to %s: teach docs_test.go", exprString(x.Fun))

	case *ast.Ident:
		return identPatterns(x, sc)
	}
	return nil, false, fmt.Errorf("summary expression of type %T: teach docs_test.go", e)
}

// identPatterns follows a local variable to the last statement before the diagnostic
// call that assigns it: either an expression (summary := fmt.Sprintf(…)) or one result
// of a call to a function of the same package (summary, detail, ok := CheckKey(…)),
// whose return statements then give the string literals.
func identPatterns(id *ast.Ident, sc scope) ([]pattern, bool, error) {
	var assign *ast.AssignStmt
	ast.Inspect(sc.body, func(n ast.Node) bool {
		a, ok := n.(*ast.AssignStmt)
		if !ok || a.Pos() >= sc.at {
			return true
		}
		for _, l := range a.Lhs {
			if li, ok := l.(*ast.Ident); ok && li.Name == id.Name {
				assign = a
			}
		}
		return true
	})
	if assign == nil {
		return nil, false, fmt.Errorf("summary variable %s is not assigned in the function: teach docs_test.go", id.Name)
	}
	pos := -1
	for i, l := range assign.Lhs {
		if li, ok := l.(*ast.Ident); ok && li.Name == id.Name {
			pos = i
		}
	}
	if pos < 0 {
		return nil, false, fmt.Errorf("summary variable %s: assignment not found", id.Name)
	}
	if len(assign.Rhs) == len(assign.Lhs) {
		return summaryPatterns(assign.Rhs[pos], sc)
	}
	call, ok := assign.Rhs[0].(*ast.CallExpr)
	if !ok {
		return nil, false, fmt.Errorf("summary variable %s: multi-value assignment from %T", id.Name, assign.Rhs[0])
	}
	fn, ok := call.Fun.(*ast.Ident)
	if !ok {
		return nil, false, fmt.Errorf("summary variable %s comes from %s, outside the package: teach docs_test.go", id.Name, exprString(call.Fun))
	}
	var pats []pattern
	found := false
	for _, f := range sc.pkg {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Name.Name != fn.Name || fd.Body == nil {
				continue
			}
			found = true
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if _, ok := n.(*ast.FuncLit); ok {
					return false // returns of nested functions are not the helper's
				}
				ret, ok := n.(*ast.ReturnStmt)
				if !ok || len(ret.Results) <= pos {
					return true
				}
				if lit, ok := ret.Results[pos].(*ast.BasicLit); ok {
					if s, err := literal(lit); err == nil && s != "" { // "" is the helper's "no error"
						pats = append(pats, pattern{regexp.QuoteMeta(s), s})
					}
				}
				return true
			})
		}
	}
	if !found {
		return nil, false, fmt.Errorf("summary variable %s comes from %s, not found in the package", id.Name, fn.Name)
	}
	if len(pats) == 0 {
		return nil, false, fmt.Errorf("%s returns no literal summary: teach docs_test.go", fn.Name)
	}
	return pats, false, nil
}

// operand is one side of a string concatenation: a literal as is, anything else a placeholder.
func operand(e ast.Expr) (pat, text string) {
	if lit, ok := e.(*ast.BasicLit); ok {
		if s, err := literal(lit); err == nil {
			return regexp.QuoteMeta(s), s
		}
	}
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		l, lt := operand(b.X)
		r, rt := operand(b.Y)
		return l + r, lt + rt
	}
	return placeholder, "<" + exprString(e) + ">"
}

// verb matches a fmt verb with its flags, width and precision.
var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]*)?[a-zA-Z%]`)

// formatPattern turns a format string into a pattern: literal parts as is, each verb a placeholder.
func formatPattern(format string) string {
	var b strings.Builder
	last := 0
	for _, m := range verb.FindAllStringIndex(format, -1) {
		b.WriteString(regexp.QuoteMeta(format[last:m[0]]))
		if format[m[0]:m[1]] == "%%" {
			b.WriteString("%")
		} else {
			b.WriteString(placeholder)
		}
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(format[last:]))
	return b.String()
}

func literal(lit *ast.BasicLit) (string, error) {
	if lit.Kind != token.STRING {
		return "", fmt.Errorf("summary literal of kind %s", lit.Kind)
	}
	return strconv.Unquote(lit.Value)
}

func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.CallExpr:
		return exprString(x.Fun) + "()"
	}
	return fmt.Sprintf("%T", e)
}
