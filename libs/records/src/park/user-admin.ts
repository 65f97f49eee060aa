import type { DataSource, DeepPartial } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { anyColumnLike } from '../dialect';
import { AuditedStore, type Actor } from './audited-store';
import { likeTerm, pageOf, type Page, type PageRequest } from './paging';

export const USER_SORTS = { username: 'u.username', role: 'u.role', createdAt: 'u.created_at' } as const;

/** User administration (the login itself reads through UserRepository). Audited; hashes never enter the log. */
export class UserAdmin {
  private readonly store: AuditedStore<UserEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.store = new AuditedStore(dataSource, UserEntity, 'user', (u) => u.enterpriseId, false);
  }

  list(filter: { q?: string; role?: string }, page: PageRequest): Promise<Page<UserEntity>> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (filter.q)
      qb.andWhere(anyColumnLike(this.dataSource, ['u.username', 'u.display_name'], 'q'), {
        q: likeTerm(filter.q),
      });
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    return pageOf(qb, page, USER_SORTS, 'username');
  }

  find(id: string): Promise<UserEntity | null> {
    return this.store.find(id);
  }

  create(actor: Actor, user: DeepPartial<UserEntity>): Promise<UserEntity> {
    return this.store.create(actor, user);
  }

  update(actor: Actor, id: string, patch: DeepPartial<UserEntity>): Promise<UserEntity> {
    return this.store.update(actor, id, patch);
  }
}
