package acctest

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Resource renders a resource block. args maps each argument to its HCL
// expression, written as is (String quotes a string); the arguments are sorted,
// so the same map always renders the same text.
func Resource(typ, name string, args map[string]string) string {
	keys := slices.Sorted(maps.Keys(args))
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q %q {\n", typ, name)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s = %s\n", k, args[k])
	}
	b.WriteString("}\n")
	return b.String()
}

// With copies args with the changes applied; a change to "" removes the argument.
func With(args, changes map[string]string) map[string]string {
	out := make(map[string]string, len(args)+len(changes))
	for k, v := range args {
		out[k] = v
	}
	for k, v := range changes {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// String is s as an HCL string literal: quoted and escaped, with template
// sequences ("${", "%{") escaped so that Terraform takes them literally.
func String(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// Block renders a nested block of the provider configuration ("awx" → "  awx {…}"),
// with args as in Resource, for ProviderConfig's override map.
func Block(name string, args map[string]string) string {
	keys := slices.Sorted(maps.Keys(args))
	var b strings.Builder
	fmt.Fprintf(&b, "  %s {\n", name)
	for _, k := range keys {
		fmt.Fprintf(&b, "    %s = %s\n", k, args[k])
	}
	b.WriteString("  }\n")
	return b.String()
}
