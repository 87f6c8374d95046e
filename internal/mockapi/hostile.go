package mockapi

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// sensitiveName tells a JSON member that holds a secret or a token.
func sensitiveName(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "secret") || strings.HasSuffix(n, "token")
}

// holdsSecret tells a value that is, or contains, a sensitive member.
func holdsSecret(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for k, x := range m {
		if sensitiveName(k) || holdsSecret(x) {
			return true
		}
	}
	return false
}

// secretFirst re-encodes a JSON body with, in every object, the sensitive members
// first, then the members that contain one, then the rest by name. cut is the offset
// just after the first sensitive string value (0 when there is none), so that
// body[:cut] is invalid JSON whose first bytes hold the secret. A body that is not
// JSON is returned as it is.
func secretFirst(body []byte) (out []byte, cut int) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return body, 0
	}
	var b bytes.Buffer
	encodeSecretFirst(&b, v, false, &cut)
	return b.Bytes(), cut
}

func encodeSecretFirst(b *bytes.Buffer, v any, sensitive bool, cut *int) {
	switch x := v.(type) {
	case map[string]any:
		rank := func(k string) int {
			switch {
			case sensitiveName(k):
				return 0
			case holdsSecret(x[k]):
				return 1
			}
			return 2
		}
		keys := slices.SortedFunc(maps.Keys(x), func(a, b string) int {
			return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
		})
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			encodeSecretFirst(b, x[k], sensitiveName(k), cut)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			encodeSecretFirst(b, e, false, cut)
		}
		b.WriteByte(']')
	default:
		raw, _ := json.Marshal(x)
		b.Write(raw)
		if _, isString := x.(string); isString && sensitive && *cut == 0 {
			*cut = b.Len()
		}
	}
}
