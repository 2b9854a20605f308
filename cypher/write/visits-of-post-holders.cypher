// The visits of people just recorded as holding a post, with their hosts and the traveler's role
// as stated: the post changes which earlier visit each follows (precedents, per host and post)
// and whom the traveler travelled for. Rows: {personId, postId}.
UNWIND $posts AS post
MATCH (:Entity {id: post.personId})<-[traveler:TRAVELER]-(visit:Visit)-[:HOST_COUNTRY]->(host)
RETURN host.id AS hostId, post.postId AS postId, visit.id AS visitId, traveler.role AS role
