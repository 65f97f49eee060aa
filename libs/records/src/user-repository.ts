import type { DataSource } from 'typeorm';
import { UserEntity } from './entities/user.entity';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: string;
  readonly enterpriseId: string | null;
  /** Staff only: their department (@park/auth DEPARTMENTS). */
  readonly department?: string | null;
}

export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
  }

  /** By id (a signed alert link names its recipient so: the id survives a renamed account). */
  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { id } });
  }

  async create(user: NewUser): Promise<UserEntity> {
    const repo = this.dataSource.getRepository(UserEntity);
    return repo.save(repo.create({ ...user, disabled: false }));
  }

  /** Creates the user unless that username exists; an existing account (its password, role, state) is left as it is. */
  async createIfMissing(user: NewUser): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({ ...user, disabled: false })
      .orIgnore()
      .execute();
  }

  /** Creates the user, or updates role/enterprise/password of an existing one with that username. */
  async upsert(user: NewUser): Promise<void> {
    await this.dataSource.getRepository(UserEntity).upsert({ ...user, disabled: false }, ['username']);
  }
}
