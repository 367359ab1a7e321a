// The demo module's public face: the demo data `npm start` seeds on the embedded database
// (one city, its counties and offices, a campaign, one API key per role, recipients), and
// the names tests, benchmarks and the access module's demo users refer to.
export * from './seed';
