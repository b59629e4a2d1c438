import { isServiceOwner, normalizeOwnerRef } from './rules';

const fraudDetection = {
  entityRef: 'component:default/fraud-detection',
  owner: 'group:default/fraud-ml',
};

describe('IS_SERVICE_OWNER', () => {
  describe('apply', () => {
    it('matches a service owned by one of the claims', () => {
      expect(
        isServiceOwner.apply(fraudDetection, {
          claims: ['user:default/ada', 'group:default/fraud-ml'],
        }),
      ).toBe(true);
    });

    it('does not match a service owned by someone else', () => {
      expect(
        isServiceOwner.apply(fraudDetection, {
          claims: ['user:default/bob', 'group:default/payments'],
        }),
      ).toBe(false);
    });

    it('reads a bare owner name as a group in the default namespace, as spec.owner does', () => {
      expect(
        isServiceOwner.apply(
          { ...fraudDetection, owner: 'fraud-ml' },
          { claims: ['group:default/fraud-ml'] },
        ),
      ).toBe(true);
    });

    it('compares owners and claims case-insensitively', () => {
      expect(
        isServiceOwner.apply(
          { ...fraudDetection, owner: 'Group:Default/Fraud-ML' },
          { claims: ['group:default/fraud-ml'] },
        ),
      ).toBe(true);
      expect(
        isServiceOwner.apply(fraudDetection, {
          claims: ['GROUP:default/FRAUD-ML'],
        }),
      ).toBe(true);
    });

    it('keeps kinds apart: a user named like the owning group is not the owner', () => {
      expect(
        isServiceOwner.apply(fraudDetection, {
          claims: ['user:default/fraud-ml'],
        }),
      ).toBe(false);
    });

    it('matches nobody for a service without an owner', () => {
      expect(
        isServiceOwner.apply(
          { entityRef: 'component:default/orphan' },
          { claims: ['group:default/fraud-ml'] },
        ),
      ).toBe(false);
    });

    it('matches nobody when the stored owner is not an entity ref', () => {
      expect(
        isServiceOwner.apply(
          { ...fraudDetection, owner: 'group:' },
          { claims: ['group:default/fraud-ml', 'group:'] },
        ),
      ).toBe(false);
    });

    it('matches nothing with no claims', () => {
      expect(isServiceOwner.apply(fraudDetection, { claims: [] })).toBe(false);
    });
  });

  describe('toQuery', () => {
    it('filters on the owner, with the claims normalised like stored owners', () => {
      expect(
        isServiceOwner.toQuery({
          claims: ['user:default/Ada', 'fraud-ml', 'group:default/fraud-ml'],
        }),
      ).toEqual({
        key: 'owner',
        values: ['user:default/ada', 'group:default/fraud-ml'],
      });
    });

    it('drops claims that are not entity refs', () => {
      expect(
        isServiceOwner.toQuery({ claims: ['', 'group:default/fraud-ml'] }),
      ).toEqual({ key: 'owner', values: ['group:default/fraud-ml'] });
    });
  });

  describe('parameters', () => {
    const schema = isServiceOwner.paramsSchema as any;

    it('accepts a list of claims', () => {
      const result = schema['~standard'].validate({
        claims: ['group:default/fraud-ml'],
      });
      expect(result).toEqual({ value: { claims: ['group:default/fraud-ml'] } });
    });

    it.each([[{}], [{ claims: 'group:default/fraud-ml' }], [{ claims: [1] }]])(
      'rejects %j with a message naming claims',
      params => {
        expect(schema['~standard'].validate(params).issues).toEqual([
          {
            message: 'claims must be an array of entity ref strings',
            path: ['claims'],
          },
        ]);
      },
    );

    it('describes itself as JSON Schema for policy editors', () => {
      expect(
        schema['~standard'].jsonSchema.input({ target: 'draft-07' }),
      ).toMatchObject({
        type: 'object',
        required: ['claims'],
        properties: { claims: { type: 'array', items: { type: 'string' } } },
      });
    });
  });
});

describe('normalizeOwnerRef', () => {
  it('completes and lower-cases an owner the way the catalog does', () => {
    expect(normalizeOwnerRef('Fraud-ML')).toBe('group:default/fraud-ml');
    expect(normalizeOwnerRef('user:ada')).toBe('user:default/ada');
    expect(normalizeOwnerRef('group:research/vision')).toBe(
      'group:research/vision',
    );
  });

  it('returns undefined for something that is not an entity ref', () => {
    expect(normalizeOwnerRef('')).toBeUndefined();
    expect(normalizeOwnerRef('group:default/')).toBeUndefined();
  });
});
