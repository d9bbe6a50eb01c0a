// Stands in for NestJS, TypeORM and class-validator under mutation testing. The mutated cores never
// call them; they are loaded only for enum registration and entity decorators of imported types,
// and loading them again for each of hundreds of mutant runs cost more than the tests themselves.
function noDecorator() {
  return function () {};
}
module.exports = new Proxy({ __esModule: true }, { get: (target, key) => (key in target ? target[key] : key === 'then' ? undefined : noDecorator) });
