import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { routeMetadata } from './route-metadata';

@SetMetadata('limit', 'class-level')
class Controller {
  @SetMetadata('limit', 'handler-level')
  overridden(): void {}

  inherited(): void {}
}

describe('routeMetadata', () => {
  it('answers what reflector.getAllAndOverride answers: the handler first, then the class, else undefined', () => {
    const reflector = new Reflector();
    const proto = Controller.prototype;
    expect(routeMetadata(reflector, 'limit', proto.overridden, Controller)).toBe('handler-level');
    expect(routeMetadata(reflector, 'limit', proto.inherited, Controller)).toBe('class-level');
    expect(routeMetadata(reflector, 'absent', proto.inherited, Controller)).toBeUndefined();
  });

  it('reads each route and key from the reflector once, an absent key included', () => {
    const reflector = new Reflector();
    const read = jest.spyOn(reflector, 'getAllAndOverride');
    class Other {
      @SetMetadata('scope', 'read')
      route(): void {}
    }
    for (let i = 0; i < 5; i++) {
      expect(routeMetadata(reflector, 'scope', Other.prototype.route, Other)).toBe('read');
      expect(routeMetadata(reflector, 'missing', Other.prototype.route, Other)).toBeUndefined();
    }
    expect(read).toHaveBeenCalledTimes(2);
  });
});
