package ltiaas

// updateBody is the body of an update. LTIaaS merges an update onto the stored
// registration: a field left out keeps its old value, and authorizationServer is
// changed only when present. Input omits an unset authorizationServer (right for a
// create), so an update would never clear it; updateBody always sends it, "" when
// unset, which clears it (the service then reports its default, the access token
// endpoint). The outer field shadows Input's in the JSON encoding.
type updateBody struct {
	Input
	AuthorizationServer string `json:"authorizationServer"`
}

func newUpdateBody(in Input) updateBody {
	return updateBody{Input: in, AuthorizationServer: in.AuthorizationServer}
}
